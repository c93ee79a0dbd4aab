import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { useBlockPerson } from '../api/block-person';
import { useReportPerson } from '../api/report-person';

export const REPORT_CATEGORIES = ['harassment', 'threat', 'sexual', 'discrimination', 'exploitation', 'privacy', 'other'] as const;
type Category = (typeof REPORT_CATEGORIES)[number];

/** Whom the report is about: the other side of one's match, or a member (profile id) of one's peer group. */
export type ReportTarget = { match: string } | { group: string; person: string };

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError && error.errors.length ? error.errors.map((e) => e.detail).join(' ') : fallback;
}

/** A "Report or block" button with its dialog; any page showing another person (a match, a group member) renders it. */
export function ReportDialogTrigger({ target }: { target: ReportTarget }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [category, setCategory] = useState<Category | ''>('');
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
                {errorText(error, t('common.error'))}
              </Alert>
            )}
            <Radio.Group
              label={t('safety.report.category')}
              value={category}
              onChange={(value) => {
                setCategory(value as Category);
                setMissingCategory(false);
              }}
              error={missingCategory ? t('safety.report.chooseCategory') : undefined}
              required
            >
              <Stack gap="xs" mt="xs">
                {REPORT_CATEGORIES.map((code) => (
                  <Radio key={code} value={code} label={t(`safety.report.categories.${code}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label={t('safety.report.text')}
              description={t('safety.report.textHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              maxLength={4000}

              minRows={3}
            />
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
