import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportCategory, ReportCategoryChoice, ReportWords, reportErrorText } from '@/components/report-fields';
import { useBlockPerson } from '../api/block-person';
import { useReportPerson } from '../api/report-person';

/** Whom the report is about: the other side of one's match, or a member (profile id) of one's peer group. */
export type ReportTarget = { match: string } | { group: string; person: string };

/** A "Report or block" button with its dialog; any page showing another person (a match, a group member) renders it. */
export function ReportDialogTrigger({ target }: { target: ReportTarget }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [category, setCategory] = useState<ReportCategory | ''>('');
  const [text, setText] = useState('');
  const [alsoBlock, setAlsoBlock] = useState(false);
  const [missingCategory, setMissingCategory] = useState(false);
  const [done, setDone] = useState<'sent' | 'blocked' | null>(null);
  const report = useReportPerson();
  const block = useBlockPerson();

  const close = () => {
    setOpened(false);
    setCategory('');
    setText('');
    setAlsoBlock(false);
    setMissingCategory(false);
    report.reset();
    block.reset();
  };
  const send = () => {
    if (!category) {
      setMissingCategory(true);
      return;
    }
    report.mutate({ ...target, category, text, block: alsoBlock }, { onSuccess: () => setDone('sent') });
  };
  const blockOnly = () => block.mutate(target, { onSuccess: () => setDone('blocked') });
  const error = report.error ?? block.error;

  return (
    <>
      <Button variant="outline" color="red.9" size="xs" onClick={() => setOpened(true)}>
        {t('safety.report.open')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('safety.report.title')} size="lg">
        {done ? (
          <Stack>
            <Alert color="green.9" role="status">
              {t(done === 'sent' ? 'safety.report.sent' : 'safety.report.blocked')}
            </Alert>
            <Button onClick={close} w="fit-content">
              {t('safety.report.close')}
            </Button>
          </Stack>
        ) : (
          <Stack>
            <Text size="sm">{t('safety.report.intro')}</Text>
            <Text size="sm" fw={700}>
              {t('safety.report.emergency')}
            </Text>
            {error && (
              <Alert color="red.9" role="alert">
                {reportErrorText(error, t('common.error'))}
              </Alert>
            )}
            <ReportCategoryChoice
              value={category}
              onChange={(value) => {
                setCategory(value);
                setMissingCategory(false);
              }}
              missing={missingCategory}
            />
            <ReportWords value={text} onChange={setText} />
            <Checkbox
              label={t('safety.report.alsoBlock')}
              description={t('safety.report.blockExplain')}
              checked={alsoBlock}
              onChange={(event) => setAlsoBlock(event.currentTarget.checked)}
            />
            <Group justify="space-between" wrap="wrap">
              <Button variant="outline" color="red.9" onClick={blockOnly} loading={block.isPending}>
                {t('safety.report.blockOnly')}
              </Button>
              <Group gap="xs">
                <Button variant="default" onClick={close}>
                  {t('safety.report.cancel')}
                </Button>
                <Button color="red.9" onClick={send} loading={report.isPending}>
                  {t('safety.report.submit')}
                </Button>
              </Group>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
