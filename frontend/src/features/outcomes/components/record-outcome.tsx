// For a programme's coordinators, on an ended match: what came of it so far, and "Record an outcome" the mentee
// told her (marked as such). The server refuses without the mentee's consent to help improve matching.
import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { CHECKPOINTS, OUTCOME_KINDS, type OutcomeCheckpoint, type OutcomeKind, useMatchOutcomes, useRecordOutcome } from '../api/outcomes';

export function RecordOutcome({ programmeId, matchId }: { programmeId: string; matchId: string }) {
  const { t } = useTranslation();
  const outcomes = useMatchOutcomes(programmeId, matchId);
  const record = useRecordOutcome(programmeId, matchId);
  const [open, setOpen] = useState(false);
  const [checkpoint, setCheckpoint] = useState<OutcomeCheckpoint>('end');
  const [kind, setKind] = useState<OutcomeKind | null>(null);
  const error = record.error instanceof ApiError ? record.error.errors.map((e) => e.detail).join(' ') : record.error ? t('common.error') : null;
  return (
    <Stack gap={4} ps="md">
      {(outcomes.data ?? []).map((outcome) => (
        <Text key={outcome.id} size="sm">
          {t(`outcomes.checkpoint.${outcome.checkpoint}`)}: {t(`outcomes.kind.${outcome.kind}`)} ·{' '}
          {t(outcome.source === 'coordinator' ? 'outcomes.record.byCoordinator' : `outcomes.record.by.${outcome.respondent_role === 'mentee' ? 'mentee' : 'mentor'}`)}
        </Text>
      ))}
      {!open ? (
        <Button size="xs" variant="subtle" w="fit-content" onClick={() => setOpen(true)}>
          {t('outcomes.record.open')}
        </Button>
      ) : (
        <Stack gap="xs">
          <Text size="sm">{t('outcomes.record.intro')}</Text>
          <Group gap="xs" align="end" wrap="wrap">
            <NativeSelect
              label={t('outcomes.record.when')}
              data={CHECKPOINTS.map((value) => ({ value, label: t(`outcomes.checkpoint.${value}`) }))}
              value={checkpoint}
              onChange={(event) => setCheckpoint(event.currentTarget.value as OutcomeCheckpoint)}
            />
            <NativeSelect
              label={t('outcomes.record.what')}
              data={[{ value: '', label: '—' }, ...OUTCOME_KINDS.map((value) => ({ value, label: t(`outcomes.kind.${value}`) }))]}
              value={kind ?? ''}
              onChange={(event) => setKind((event.currentTarget.value || null) as OutcomeKind | null)}
            />
            <Button
              size="sm"
              disabled={!kind}
              loading={record.isPending}
              onClick={() => kind && record.mutate({ checkpoint, kind }, { onSuccess: () => setOpen(false) })}
            >
              {t('outcomes.record.save')}
            </Button>
          </Group>
          {error && (
            <Alert color="red.9" role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}
