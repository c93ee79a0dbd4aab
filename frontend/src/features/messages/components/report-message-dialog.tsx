// Report a message: what it is about, her own words (optional), the message she chose plus any others of the
// conversation she ticks (at most 20; only the coordinators read them), and "also block". The other person is never
// told. In a peer group the report names the member who wrote the message (she may choose another).
import { Alert, Button, Checkbox, Group, Modal, Radio, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { type ReportCategory, ReportCategoryChoice, ReportWords, reportErrorText } from '@/components/report-fields';
import { useGroupMembers } from '../api/get-group-members';
import { useReportMessages } from '../api/report-message';
import { type ConversationKind, MAX_REPORTED_MESSAGES, type Message } from '../kinds';
import { formatSentAt } from './sent-at';

function MemberChoice({
  groupId,
  value,
  onChange,
  missing,
}: {
  groupId: string;
  value: string;
  onChange: (profile: string) => void;
  missing: boolean;
}) {
  const { t } = useTranslation();
  const members = useGroupMembers(groupId, true);
  return (
    <QueryState query={members} isEmpty={(list) => list.length === 0} empty={t('messages.report.noMembers')}>
      {(list) => (
        <Radio.Group
          label={t('messages.report.person')}
          value={value}
          onChange={onChange}
          error={missing ? t('messages.report.choosePerson') : undefined}
          required
        >
          <Stack gap="xs" mt="xs">
            {list.map((member) => (
              <Radio key={member.profile} value={member.profile} label={<span dir="auto">{member.name}</span>} />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </QueryState>
  );
}

export function ReportMessageDialog({
  kind,
  id,
  message,
  messages,
  onClose,
}: {
  kind: ConversationKind;
  /** The match's or the group's id. */
  id: string;
  /** The message she chose to report; the dialog is open while there is one. */
  message: Message | null;
  /** The messages on screen, oldest first: she may attach more of them. */
  messages: Message[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<ReportCategory | ''>('');
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [person, setPerson] = useState('');
  const [alsoBlock, setAlsoBlock] = useState(false);
  const [missing, setMissing] = useState<{ category?: boolean; person?: boolean }>({});
  const [done, setDone] = useState<{ blocked: boolean } | null>(null);
  const report = useReportMessages();
  const reset = report.reset;

  // A new message chosen: a fresh form with that message ticked.
  useEffect(() => {
    setCategory('');
    setText('');
    setChosen(message ? [message.id] : []);
    // In a group the message names its sender's member id: that member is chosen, and she may change it.
    setPerson(message?.sender_profile ?? '');
    setAlsoBlock(false);
    setMissing({});
    setDone(null);
    reset();
  }, [message, reset]);

  const attachable = messages.filter((m) => !m.deleted);
  const full = chosen.length >= MAX_REPORTED_MESSAGES;

  const send = () => {
    const lacking = { category: !category, person: kind === 'group' && !person };
    if (lacking.category || lacking.person || !category) {
      setMissing(lacking);
      return;
    }
    // Oldest first, as the coordinators will read them.
    const ids = attachable.filter((m) => chosen.includes(m.id)).map((m) => m.id);
    const about = kind === 'match' ? { match: id } : { group: id, person };
    report.mutate({ ...about, category, text, messages: ids, block: alsoBlock }, { onSuccess: () => setDone({ blocked: alsoBlock }) });
  };

  return (
    <Modal
      opened={message !== null}
      onClose={onClose}
      title={t('messages.report.title')}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': t('safety.report.close') }}
    >
      {done ? (
        <Stack>
          <Alert color="green.9" role="status">
            <Stack gap="xs">
              <Text size="sm">{t('messages.report.sent')}</Text>
              {done.blocked && <Text size="sm">{t('messages.report.blocked')}</Text>}
            </Stack>
          </Alert>
          <Button onClick={onClose} w="fit-content" mih={44}>
            {t('safety.report.close')}
          </Button>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{t('messages.report.intro')}</Text>
          <Text size="sm" fw={700}>
            {t('safety.report.emergency')}
          </Text>
          {report.error && (
            <Alert color="red.9" role="alert">
              {reportErrorText(report.error, t('messages.report.failed'))}
            </Alert>
          )}
          {kind === 'group' && message && (
            <MemberChoice
              groupId={id}
              value={person}
              onChange={(profile) => {
                setPerson(profile);
                setMissing((m) => ({ ...m, person: false }));
              }}
              missing={!!missing.person}
            />
          )}
          <ReportCategoryChoice
            value={category}
            onChange={(value) => {
              setCategory(value);
              setMissing((m) => ({ ...m, category: false }));
            }}
            missing={!!missing.category}
          />
          <Checkbox.Group
            label={t('messages.report.messages')}
            description={t('messages.report.messagesHint', { max: MAX_REPORTED_MESSAGES })}
            value={chosen}
            onChange={setChosen}
          >
            <ScrollArea.Autosize mah={260} type="auto" mt="xs">
              <Stack gap="xs" pe="xs">
                {attachable.map((m) => (
                  <Checkbox
                    key={m.id}
                    value={m.id}
                    disabled={full && !chosen.includes(m.id)}
                    data-testid="report-choice"
                    label={
                      <span>
                        <Text span size="xs" fw={700}>
                          {m.mine ? t('messages.message.you') : m.sender}
                          {' · '}
                          {formatSentAt(m.sent_at)}
                        </Text>
                        <Text span display="block" size="sm" dir="auto" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                          {m.text}
                        </Text>
                      </span>
                    }
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Checkbox.Group>
          <ReportWords value={text} onChange={setText} />
          <Checkbox
            label={t('safety.report.alsoBlock')}
            description={t('messages.report.blockExplain')}
            checked={alsoBlock}
            onChange={(event) => setAlsoBlock(event.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="xs" wrap="wrap">
            <Button variant="default" onClick={onClose} mih={44}>
              {t('safety.report.cancel')}
            </Button>
            <Button color="red.9" onClick={send} loading={report.isPending} mih={44}>
              {t('safety.report.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
