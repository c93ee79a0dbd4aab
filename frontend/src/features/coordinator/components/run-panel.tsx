// Start a matching run and watch it: a progress bar polled every second, then what it made of the learning settings
// (the learned part, the monitored groups, the fairness guard) and the unmatched mentees with reasons.
import { Alert, Button, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonList } from '@/components/reason-list';
import { Loading } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { useRun } from '../api/get-run';
import { useRuns } from '../api/get-runs';
import { useStartRun } from '../api/start-run';
import type { components } from '@/api/schema';

type Certificate = components['schemas']['RunCertificateOutput'];
type Learning = components['schemas']['RunLearningOutput'];
type GroupRate = components['schemas']['GroupRateOutput'];

/** A monitored group's name as a coordinator reads it: a language's name, childcare said or not, the city. */
function groupName(t: (key: string) => string, language: string, grouping: string, group: string): string {
  if (grouping === 'mentee_language') {
    if (!group) return t('coordinator.run.learning.unknown');
    try {
      return new Intl.DisplayNames([language], { type: 'language' }).of(group) ?? group;
    } catch {
      return group;
    }
  }
  if (grouping === 'childcare') return t(`coordinator.run.learning.childcare.${group === 'yes' ? 'yes' : 'not_said'}`);
  return group || t('coordinator.run.learning.noCity');
}

/** What a run made of the learning settings: the learned part, each monitored grouping's match rates and predicted
 * success with and without it, and the fairness guard with its cost in total score. */
export function LearningReport({ learning }: { learning: Learning }) {
  const { t, i18n } = useTranslation();
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  const percent = (value: number | undefined) =>
    value === undefined ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const made = learning.made;
  const without = learning.without_learned ?? undefined;
  const expectedMade = made?.expected_successes ?? learning.expected_successes ?? null;
  const expectedWithout = without?.expected_successes ?? null;
  return (
    <Stack gap="xs" data-testid="run-learning">
      <Title order={2} size="h4">
        {t('coordinator.run.learning.title')}
      </Title>
      {learning.weight > 0 && (
        <Text size="sm">
          {learning.used
            ? t('coordinator.run.learning.used', { weight: number(learning.weight, 2), version: learning.model_version ?? '—' })
            : t('coordinator.run.learning.noModel')}
        </Text>
      )}
      {expectedMade !== null && (
        <Text size="sm">
          {expectedWithout !== null
            ? t('coordinator.run.learning.expectedCompared', { made: number(expectedMade, 1), without: number(expectedWithout, 1) })
            : t('coordinator.run.learning.expected', { made: number(expectedMade, 1) })}
        </Text>
      )}
      {learning.guard && (
        <Text size="sm" data-testid="run-guard">
          {t('coordinator.run.learning.guard', {
            grouping: t(`coordinator.run.learning.guardGroupings.${learning.guard.grouping}`),
            share: percent(learning.guard.min_share),
          })}{' '}
          {t('coordinator.run.learning.guardCost', {
            cost: number(learning.guard.cost_in_total_score, 3),
            matched: learning.guard.matched,
            matchedWithout: learning.guard.matched_without_guard,
          })}
        </Text>
      )}
      {made &&
        Object.entries(made.groups).map(([grouping, groups]) => {
          const other: Record<string, GroupRate> = without?.groups[grouping] ?? {};
          const hasSuccess = Object.values(groups).some((g) => g.predicted_success !== undefined);
          return (
            <Table key={grouping} withTableBorder verticalSpacing={4} my="xs" data-testid={`groups-${grouping}`}>
              <Table.Caption c="dark.9">{t(`coordinator.run.learning.groupings.${grouping}`)}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('coordinator.run.learning.group')}</Table.Th>
                  <Table.Th scope="col">{t('coordinator.run.learning.mentees')}</Table.Th>
                  <Table.Th scope="col">{t('coordinator.run.learning.matched')}</Table.Th>
                  <Table.Th scope="col">{t('coordinator.run.learning.matchRate')}</Table.Th>
                  {without && <Table.Th scope="col">{t('coordinator.run.learning.matchRateWithout')}</Table.Th>}
                  {hasSuccess && <Table.Th scope="col">{t('coordinator.run.learning.predicted')}</Table.Th>}
                  {hasSuccess && without && <Table.Th scope="col">{t('coordinator.run.learning.predictedWithout')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {Object.entries(groups).map(([group, rate]) => (
                  <Table.Tr key={group}>
                    <Table.Th scope="row" fw={400}>
                      <bdi>{groupName(t, i18n.language, grouping, group)}</bdi>
                    </Table.Th>
                    <Table.Td>{rate.mentees}</Table.Td>
                    <Table.Td>{rate.matched}</Table.Td>
                    <Table.Td>{percent(rate.match_rate)}</Table.Td>
                    {without && <Table.Td>{percent(other[group]?.match_rate)}</Table.Td>}
                    {hasSuccess && <Table.Td>{percent(rate.predicted_success)}</Table.Td>}
                    {hasSuccess && without && <Table.Td>{percent(other[group]?.predicted_success)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        })}
    </Stack>
  );
}

/** What the engine proved about a finished run: the best possible, or how far from it at most, and the work it took. */
export function ProofNote({ certificate }: { certificate: Certificate }) {
  const { t, i18n } = useTranslation();
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  const total = certificate.upper_bound - certificate.gap;
  const percent = certificate.upper_bound > 0 ? (100 * total) / certificate.upper_bound : 100;
  let verdict: string;
  if (certificate.proven) {
    verdict =
      certificate.objective === 'matched_then_score'
        ? t('coordinator.run.proof.provenMatched')
        : t('coordinator.run.proof.proven', { total: number(total, 2) });
  } else if (certificate.matched_proven) {
    verdict = t('coordinator.run.proof.matchedOnly', { gap: number(certificate.gap, 4) });
  } else {
    // never rounded up to 100 %: a gap is a gap
    verdict = t('coordinator.run.proof.gap', { gap: number(certificate.gap, 4), percent: number(Math.min(percent, 99.999), 3) });
  }
  return (
    <Stack gap={2} data-testid="run-proof">
      <Text fw={600}>
        {verdict}
      </Text>
      <Text size="sm">{t('coordinator.run.proof.work', { rounds: certificate.rounds, added: certificate.pairs_added })}</Text>
    </Stack>
  );
}

/** onOpenRecord: opens a mentee's record (her best mentors now, to match her by hand). */
export function RunPanel({
  programmeId,
  onReview,
  onOpenRecord,
}: {
  programmeId: string;
  onReview: () => void;
  onOpenRecord?: (profileId: string) => void;
}) {
  const { t } = useTranslation();
  const runs = useRuns(programmeId);
  const start = useStartRun(programmeId);
  const [startedId, setStartedId] = useState<string>();
  // While a new run is being created, the previous run's result is hidden so it cannot be mistaken for the new one.
  const runId = start.isPending ? undefined : (startedId ?? runs.data?.[0]?.id);
  const run = useRun(runId);
  const sector = useLabels('sectors');
  const status = run.data?.status ?? 'queued';
  const progress = run.data?.progress ?? 0;
  const counts = (run.data?.counts ?? {}) as Record<string, number>;
  const unmatched = (run.data?.unmatched ?? []) as { mentee: string; name?: string; city?: string; reasons: { code: string; params: Record<string, unknown> }[] }[];
  const running = Boolean(runId) && !['done', 'failed'].includes(status);
  const queryClient = useQueryClient();
  const finished = run.data?.status === 'done' ? run.data.id : undefined;
  useEffect(() => {
    // A finished run replaces the proposals and changes the figures.
    if (finished) void queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] });
  }, [finished, programmeId, queryClient]);

  return (
    <Stack>
      <Button
        w="fit-content"
        size="md"
        loading={start.isPending}
        disabled={running}
        onClick={() => start.mutate(undefined, { onSuccess: (created) => setStartedId(created.id) })}
      >
        {t('coordinator.run.start')}
      </Button>
      {start.error && (
        <Alert color="red.9" role="alert">
          {start.error.message}
        </Alert>
      )}
      {runs.isPending && <Loading />}
      {!runs.isPending && !runId && !start.isPending && <Text>{t('coordinator.run.noRunYet')}</Text>}
      {run.data && (
        <Stack gap="xs">
          <Text id="run-progress-label" fw={600}>
            {t('coordinator.run.progress')}
          </Text>
          <Progress.Root size="xl">
            <Progress.Section
              value={progress}
              aria-labelledby="run-progress-label"
              aria-valuetext={`${progress}% – ${t(`coordinator.run.status.${status}`)}`}
              color={status === 'failed' ? 'red' : undefined}
              animated={running}
            />
          </Progress.Root>
          <Text role="status" aria-live="polite" data-testid="run-status">
            {progress}% – {t(`coordinator.run.status.${status}`)}
          </Text>
          {status === 'failed' && run.data.error && (
            <Alert color="red.9" role="alert">
              {run.data.error}
            </Alert>
          )}
          {status === 'done' && (
            <>
              {typeof counts.proposals === 'number' && <Text>{t('coordinator.run.proposals', { count: counts.proposals })}</Text>}
              {run.data.certificate && <ProofNote certificate={run.data.certificate} />}
              {run.data.learning && <LearningReport learning={run.data.learning} />}
              <Button variant="outline" w="fit-content" onClick={onReview}>
                {t('coordinator.run.reviewProposals')}
              </Button>
              <Title order={2} size="h4">
                {t('coordinator.run.unmatched')}
              </Title>
              {unmatched.length === 0 ? (
                <Text>{t('coordinator.run.unmatchedNone')}</Text>
              ) : (
                <List spacing="xs">
                  {unmatched.slice(0, 50).map((item) => (
                    <List.Item key={item.mentee}>
                      <Group justify="space-between" wrap="wrap" gap="xs">
                        <Text size="sm" fw={600}>
                          {item.name ? <bdi>{item.name}</bdi> : t('coordinator.run.mentee', { id: item.mentee.slice(0, 8) })}
                          {item.city && (
                            <Text span size="sm" fw={400}>
                              {' · '}
                              <bdi>{item.city}</bdi>
                            </Text>
                          )}
                        </Text>
                        {onOpenRecord && (
                          <Button size="xs" variant="outline" onClick={() => onOpenRecord(item.mentee)}>
                            {t('dashboard.record.open', { name: item.name || t('coordinator.run.mentee', { id: item.mentee.slice(0, 8) }) })}
                          </Button>
                        )}
                      </Group>
                      <ReasonList reasons={item.reasons} labels={{ sector }} />
                    </List.Item>
                  ))}
                </List>
              )}
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
