// Her consents, one card per programme and purpose: the text and version, give it, or withdraw it after a
// confirmation that says in plain words what stops.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { LocalText } from '@/components/local-text';
import { QueryState } from '@/components/query-state';
import { type ConsentStatus, useMyConsents } from '../api/get-consents';
import { type ConsentGive, useGiveConsent } from '../api/give-consent';
import { useLeaveProgramme } from '../api/leave-programme';
import { useWithdrawConsent } from '../api/withdraw-consent';
import { formatDate } from '@/lib/format';

const STATE_COLOURS = { given: 'green', withdrawn: 'gray', not_given: 'gray' } as const;

function ConsentCard({ consent }: { consent: ConsentStatus }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const give = useGiveConsent();
  const withdraw = useWithdrawConsent();
  const record = consent.record;
  const given = consent.consent_state === 'given';
  const outdated = given && record !== null && record.text_version !== consent.current_version;
  // The text in the interface language; the exact words she agreed to are kept in the ledger and her download.
  const shownText = consent.current_text;
  const error = give.error ?? withdraw.error;
  const purposeTitle = t(`privacy.purpose.${consent.purpose}`);

  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>
            {purposeTitle}
          </Title>
          <Badge color={STATE_COLOURS[consent.consent_state]} variant="light" c="dark.9">
            {t(`privacy.state.${consent.consent_state}`)}
          </Badge>
        </Group>
        <LocalText size="sm" text={shownText} language={consent.current_language} />
        <Text size="xs" c="gray.7">
          {t('privacy.version', { version: given && record ? record.text_version : consent.current_version })}
          {record && given && ` · ${t('privacy.givenOn', { date: formatDate(record.given_at, 'long') })}`}
          {record?.withdrawn_at &&
            !given &&
            ` · ${t('privacy.withdrawnOn', { date: formatDate(record.withdrawn_at, 'long') })}`}
        </Text>
        {outdated && <Alert color="yellow.9">{t('privacy.newVersion')}</Alert>}
        {error && (
          <Alert color="red.9" role="alert">
            {error instanceof ApiError ? error.errors.map((e) => e.detail).join(' ') : t('common.error')}
          </Alert>
        )}
        <Group>
          {(!given || outdated) && (
            <Button
              loading={give.isPending}
              onClick={() =>
                give.mutate({
                  programme: consent.programme,
                  purpose: consent.purpose,
                  version: consent.current_version,
                  language: i18n.language as ConsentGive['language'],
                })
              }
              aria-describedby={headingId}
            >
              {t('privacy.give')}
            </Button>
          )}
          {given && (
            <Button variant="outline" color="red.9" onClick={() => setConfirming(true)} aria-describedby={headingId}>
              {t('privacy.withdraw')}
            </Button>
          )}
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('privacy.withdrawTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Stack>
          <Text fw={600}>{purposeTitle}</Text>
          <Text>{t('privacy.whatStops')}</Text>
          <Alert color="yellow.9">{consent.stops}</Alert>
          <Group justify="flex-end">
            <Button variant="outline" onClick={() => setConfirming(false)}>
              {t('privacy.keep')}
            </Button>
            <Button
              color="red.9"
              loading={withdraw.isPending}
              onClick={() =>
                withdraw.mutate(
                  { programme: consent.programme, purpose: consent.purpose },
                  { onSettled: () => setConfirming(false) },
                )
              }
            >
              {t('privacy.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Leaving the whole programme at once, after a confirmation that says what ends and what stays. */
function LeaveProgramme({ programme, name }: { programme: string; name: string }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const leave = useLeaveProgramme();
  return (
    <>
      <Group>
        <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
          {t('privacy.leave')}
        </Button>
      </Group>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('privacy.leaveTitle', { name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Stack>
          <Text>{t('privacy.leaveWhat')}</Text>
          <Text size="sm">{t('privacy.leaveStays')}</Text>
          {leave.error && (
            <Alert color="red.9" role="alert">
              {leave.error instanceof ApiError ? leave.error.errors.map((e) => e.detail).join(' ') : t('common.error')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="outline" onClick={() => setConfirming(false)}>
              {t('privacy.leaveKeep')}
            </Button>
            <Button
              color="red.9"
              loading={leave.isPending}
              onClick={() => leave.mutate(programme, { onSuccess: () => setConfirming(false) })}
            >
              {t('privacy.leaveConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function ConsentList() {
  const { t } = useTranslation();
  const consents = useMyConsents();
  return (
    <Stack component="section" aria-labelledby="privacy-consents">
      <Title order={2} size="h3" id="privacy-consents">
        {t('privacy.consentsTitle')}
      </Title>
      <QueryState query={consents} isEmpty={(rows) => rows.length === 0} empty={t('privacy.noProgramme')}>
        {(rows) => {
          const programmes = [...new Map(rows.map((row) => [row.programme, row.programme_name])).entries()];
          return programmes.map(([programme, name]) => (
            <Stack key={programme} gap="sm">
              <Text fw={600}>{t('privacy.programme', { name })}</Text>
              {rows
                .filter((row) => row.programme === programme)
                .map((row) => (
                  <ConsentCard key={`${row.programme}-${row.purpose}`} consent={row} />
                ))}
              {rows.some(
                (row) => row.programme === programme && row.purpose === 'programme' && row.consent_state === 'given',
              ) && <LeaveProgramme programme={programme} name={name} />}
            </Stack>
          ));
        }}
      </QueryState>
    </Stack>
  );
}
