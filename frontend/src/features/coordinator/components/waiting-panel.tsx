// Who still waits, and why: the mentees the last run could not place (with the engine's reasons), and offers
// that were declined or expired, which can roll over to the next-best mentor the run kept.
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { Empty, Loading, QueryState } from '@/components/query-state';
import { ReasonList } from '@/components/reason-list';
import { useLabels } from '@/lib/reference';
import { useProgrammeMatches } from '../api/get-matches';
import { useRun } from '../api/get-run';
import { useRuns } from '../api/get-runs';
import { useRolloverMatch } from '../api/rollover-match';

type Unmatched = { mentee: string; name?: string; city?: string; reasons: { code: string; params: Record<string, unknown> }[] };

function UnmatchedList({ programmeId, onOpenRecord }: { programmeId: string; onOpenRecord: (profileId: string) => void }) {
  const { t } = useTranslation();
  const runs = useRuns(programmeId);
  const latest = runs.data?.find((run) => run.status === 'done');
  const run = useRun(latest?.id);
  const sector = useLabels('sectors');
  if (runs.isPending || (latest && run.isPending)) return <Loading />;
  if (!latest) return <Empty>{t('coordinator.run.noRunYet')}</Empty>;
  const unmatched = (run.data?.unmatched ?? []) as Unmatched[];
  if (unmatched.length === 0) return <Empty>{t('coordinator.run.unmatchedNone')}</Empty>;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {unmatched.map((item) => {
        const name = item.name || t('coordinator.run.mentee', { id: item.mentee.slice(0, 8) });
        return (
          <Card component="li" key={item.mentee} withBorder data-testid="unmatched-mentee">
            <Group justify="space-between" align="start" wrap="wrap">
              <div>
                {/* Her full name and city, as coordinators may see them: enough to tell two women called Amal apart. */}
                <Text fw={700}>
                  <bdi>{name}</bdi>
                  {item.city && (
                    <Text span fw={400}>
                      {' · '}
                      <bdi>{item.city}</bdi>
                    </Text>
                  )}
                </Text>
                <ReasonList reasons={item.reasons} labels={{ sector }} label={t('dashboard.waiting.why', { name })} />
              </div>
              <Button size="xs" variant="outline" onClick={() => onOpenRecord(item.mentee)}>
                {t('dashboard.record.open', { name })}
              </Button>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}

function EndedOffers({ programmeId, onOpenRecord }: { programmeId: string; onOpenRecord: (profileId: string) => void }) {
  const { t } = useTranslation();
  const offers = useProgrammeMatches(programmeId, { states: ['declined', 'expired'] });
  const rollover = useRolloverMatch(programmeId);
  const declineLabel = useLabels('decline-reasons');
  const [notice, setNotice] = useState<string | null>(null);
  const error = rollover.error instanceof ApiError ? rollover.error.errors.map((e) => e.detail).join(' ') : rollover.error ? t('common.error') : null;
  return (
    <Stack gap="sm">
      {notice && (
        <Text role="status" aria-live="polite" fw={600}>
          {notice}
        </Text>
      )}
      {error && (
        <Alert color="red.9" role="alert">
          {error}
        </Alert>
      )}
      <QueryState query={offers} isEmpty={(list) => list.length === 0} empty={t('dashboard.waiting.noEndedOffers')}>
        {(list) => (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.map((match) => {
              const mentee = match.mentee.full_name || match.mentee.display_name;
              const mentor = match.mentor.full_name || match.mentor.display_name;
              return (
                <Card component="li" key={match.id} withBorder data-testid="ended-offer">
                  <Stack gap={6}>
                    <Group gap="xs" wrap="wrap">
                      <Badge variant="light" c="dark.9">
                        {t(`matches.state.${match.state}`)}
                      </Badge>
                      <Text fw={700}>
                        <bdi>{mentee}</bdi> – <bdi>{mentor}</bdi>
                      </Text>
                    </Group>
                    {match.reason_code && (
                      <Text size="sm">
                        {t('coordinator.audit.reason')}: {declineLabel(match.reason_code)}
                        {match.closed_by_role ? ` (${t(`roles.${match.closed_by_role}`, { defaultValue: match.closed_by_role })})` : ''}
                        {match.reason_text ? ` – ${match.reason_text}` : ''}
                      </Text>
                    )}
                    <Group gap="xs">
                      <Button
                        size="xs"
                        loading={rollover.isPending && rollover.variables === match.id}
                        onClick={() =>
                          rollover.mutate(match.id, {
                            onSuccess: (offered) =>
                              setNotice(
                                t('dashboard.waiting.rolledOver', {
                                  mentee,
                                  mentor: offered.mentor.full_name || offered.mentor.display_name,
                                }),
                              ),
                          })
                        }
                      >
                        {t('dashboard.waiting.rollover', { name: mentee })}
                      </Button>
                      <Button size="xs" variant="outline" onClick={() => onOpenRecord(match.mentee.profile)}>
                        {t('dashboard.record.open', { name: mentee })}
                      </Button>
                    </Group>
                  </Stack>
                </Card>
              );
            })}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

export function WaitingPanel({ programmeId, onOpenRecord }: { programmeId: string; onOpenRecord: (profileId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <section aria-labelledby="unmatched-heading">
        <Title order={2} size="h4" id="unmatched-heading" mb="xs">
          {t('dashboard.waiting.unmatchedTitle')}
        </Title>
        <UnmatchedList programmeId={programmeId} onOpenRecord={onOpenRecord} />
      </section>
      <section aria-labelledby="ended-heading">
        <Title order={2} size="h4" id="ended-heading" mb="xs">
          {t('dashboard.waiting.endedTitle')}
        </Title>
        <Text size="sm" mb="xs">
          {t('dashboard.waiting.endedIntro')}
        </Text>
        <EndedOffers programmeId={programmeId} onOpenRecord={onOpenRecord} />
      </section>
    </Stack>
  );
}
