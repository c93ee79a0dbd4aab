// Programme health: key figures as text, then charts (matches by state, reasons for declining, mentor load,
// what mentees reached), each with its numbers written on the bars and a table of the same figures.
import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { useHealth } from '../api/get-health';
import { BarChart } from './bar-chart';
import { formatNumber, formatPercent } from '@/lib/format';

const STATE_ORDER = ['proposed', 'offered', 'active', 'paused', 'closed', 'declined', 'rejected', 'expired'];
const GOALS = ['job', 'training', 'recognition', 'language_course', 'none'];

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

export function HealthPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const health = useHealth(programmeId);
  const declineLabel = useLabels('decline-reasons');
  const na = t('coordinator.health.notAvailable');
  const percent = (value: number | null | undefined) =>
    value === null || value === undefined ? na : formatPercent(value);
  const decimal = (value: number | null | undefined) =>
    value === null || value === undefined ? na : formatNumber(value, { maximumFractionDigits: 1 });
  return (
    <QueryState query={health}>
      {(data) => {
        // Counted by the server: the per-mentor list is a paged list of its own (health/mentor-load/).
        const { full, some, free } = data.mentor_load;
        const feedback = (data.feedback ?? {}) as { count?: number; average_rating?: number | null; goals_reached?: Record<string, number> };
        return (
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              <Figure label={t('coordinator.health.mentees')} value={String(data.mentees)} />
              <Figure label={t('coordinator.health.waiting')} value={String(data.mentees_waiting)} />
              <Figure label={t('coordinator.health.medianDays')} value={decimal(data.median_days_waiting)} />
              <Figure label={t('coordinator.health.acceptance')} value={percent(data.acceptance_rate)} />
              <Figure label={t('coordinator.health.decline')} value={percent(data.decline_rate)} />
              <Figure label={t('coordinator.health.expiry')} value={percent(data.expiry_rate)} />
              <Figure label={t('dashboard.health.completed')} value={String(data.states.closed ?? 0)} />
              <Figure label={t('dashboard.health.feedbackCount')} value={String(feedback.count ?? 0)} />
              <Figure label={t('dashboard.health.averageRating')} value={feedback.average_rating ? `${decimal(feedback.average_rating)} / 5` : na} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
              <BarChart
                title={t('coordinator.health.byState')}
                valueHeader={t('dashboard.charts.matches')}
                bars={STATE_ORDER.filter((state) => state in data.states).map((state) => ({
                  key: state,
                  label: t(`matches.state.${state}`),
                  value: data.states[state] ?? 0,
                }))}
              />
              <BarChart
                title={t('coordinator.health.declineReasons')}
                valueHeader={t('dashboard.charts.declines')}
                bars={Object.entries(data.decline_reasons)
                  .sort((a, b) => b[1] - a[1])
                  .map(([code, value]) => ({ key: code || 'none', label: code ? declineLabel(code) : na, value }))}
              />
              <BarChart
                title={t('dashboard.health.mentorLoad')}
                valueHeader={t('dashboard.charts.mentors')}
                bars={[
                  { key: 'full', label: t('dashboard.health.loadFull'), value: full },
                  { key: 'some', label: t('dashboard.health.loadSome'), value: some },
                  { key: 'free', label: t('dashboard.health.loadFree'), value: free },
                ]}
              />
              <BarChart
                title={t('dashboard.health.goalsReached')}
                valueHeader={t('dashboard.charts.answers')}
                bars={GOALS.filter((goal) => feedback.goals_reached?.[goal]).map((goal) => ({
                  key: goal,
                  label: t(`mentoring.feedback.goals.${goal}`),
                  value: feedback.goals_reached?.[goal] ?? 0,
                }))}
              />
            </SimpleGrid>
          </Stack>
        );
      }}
    </QueryState>
  );
}
