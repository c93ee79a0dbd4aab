// Programme health: figures as text, and an SVG bar chart of matches by state that repeats its numbers as labels.
import { SimpleGrid, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useHealth } from '../api/get-health';

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

export function BarChart({ title, bars }: { title: string; bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 28;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Title order={3} size="h5">
          {title}
        </Title>
      </figcaption>
      <svg role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`} width="100%" height={bars.length * rowHeight} viewBox={`0 0 400 ${bars.length * rowHeight}`} preserveAspectRatio="xMinYMin meet">
        {bars.map((bar, index) => {
          const width = (bar.value / max) * 220;
          const y = index * rowHeight;
          return (
            <g key={bar.label}>
              <text x={0} y={y + 18} fontSize="13" fill="#212529">
                {bar.label}
              </text>
              <rect x={130} y={y + 5} width={Math.max(width, 1)} height={18} fill="#1864ab" />
              <text x={130 + width + 6} y={y + 18} fontSize="13" fill="#212529">
                {bar.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function HealthPanel({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation();
  const health = useHealth(programmeId);
  const percent = (value: number | null | undefined) =>
    value === null || value === undefined ? t('coordinator.health.notAvailable') : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(value);
  return (
    <QueryState query={health}>
      {(data) => (
        <Stack>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            <Figure label={t('coordinator.health.mentees')} value={String(data.mentees)} />
            <Figure label={t('coordinator.health.waiting')} value={String(data.mentees_waiting)} />
            <Figure
              label={t('coordinator.health.medianDays')}
              value={data.median_days_waiting === null || data.median_days_waiting === undefined ? t('coordinator.health.notAvailable') : data.median_days_waiting.toFixed(1)}
            />
            <Figure label={t('coordinator.health.acceptance')} value={percent(data.acceptance_rate)} />
            <Figure label={t('coordinator.health.decline')} value={percent(data.decline_rate)} />
            <Figure label={t('coordinator.health.expiry')} value={percent(data.expiry_rate)} />
          </SimpleGrid>
          <BarChart
            title={t('coordinator.health.byState')}
            bars={Object.entries(data.states).map(([state, value]) => ({ label: t(`matches.state.${state}`, { defaultValue: state }), value }))}
          />
        </Stack>
      )}
    </QueryState>
  );
}
