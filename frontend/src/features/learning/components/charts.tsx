// The model card's plots as inline SVG: calibration (predicted against observed, with the diagonal), feature
// effects (bars either side of zero) and the backtest (expected successes, with the interval of the difference as
// whiskers). Every plot has its figures as text in a table under it; the bars follow the page's direction.
import { Box, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '@/lib/format';
import type { CalibrationBin, ModelBacktest } from '../api/model';

const BLUE = 'var(--mantine-color-blue-8)';
const GREY = 'var(--mantine-color-gray-6)';
const AXIS = 'var(--mantine-color-dark-6)';

function Figure({ title, description, children, table }: { title: string; description: string; children: ReactNode; table: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Box component="figure" m={0} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} data-testid="learning-figure">
      <Title order={3} size="h5" id={`${id}-title`} mb={4}>
        {title}
      </Title>
      <Text size="sm" id={`${id}-text`} mb="xs">
        {description}
      </Text>
      {children}
      <details>
        <summary>
          <Text component="span" size="sm">
            {t('learning.charts.showTable')}
          </Text>
        </summary>
        {table}
      </details>
    </Box>
  );
}

function FiguresTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Table withTableBorder mt="xs" maw={560} data-testid="learning-table">
      <Table.Caption c="dark.9">{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {head.map((cell) => (
            <Table.Th key={cell} scope="col">
              {cell}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={index}>
            {row.map((cell, column) =>
              column === 0 ? (
                <Table.Th key={column} scope="row" fw={400}>
                  {cell}
                </Table.Th>
              ) : (
                <Table.Td key={column}>{cell}</Table.Td>
              ),
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Predicted chance against how often it happened, per group of pairs; on the diagonal a model means what it says. */
export function CalibrationPlot({ bins }: { bins: CalibrationBin[] }) {
  const { t } = useTranslation();
  const size = 100;
  const pad = 12;
  const scale = (value: number) => pad + value * (size - 2 * pad);
  const y = (value: number) => size - scale(value);
  const points = bins.map((bin) => `${scale(bin.predicted)},${y(bin.observed)}`).join(' ');
  const ticks = [0, 0.5, 1];
  return (
    <Figure
      title={t('learning.calibration.title')}
      description={t('learning.calibration.description')}
      table={
        <FiguresTable
          caption={t('learning.calibration.title')}
          head={[t('learning.calibration.predicted'), t('learning.calibration.observed'), t('learning.calibration.pairs')]}
          rows={bins.map((bin) => [formatPercent(bin.predicted), formatPercent(bin.observed), formatNumber(bin.count)])}
        />
      }
    >
      <Box maw={360} style={{ direction: 'ltr' }}>
        <svg viewBox={`0 0 ${size} ${size}`} width="100%" role="img" aria-label={t('learning.calibration.alt')} data-testid="calibration-plot">
          <line x1={scale(0)} y1={y(0)} x2={scale(1)} y2={y(0)} stroke={AXIS} strokeWidth={0.5} />
          <line x1={scale(0)} y1={y(0)} x2={scale(0)} y2={y(1)} stroke={AXIS} strokeWidth={0.5} />
          <line x1={scale(0)} y1={y(0)} x2={scale(1)} y2={y(1)} stroke={GREY} strokeWidth={0.5} strokeDasharray="2 2" />
          {ticks.map((tick) => (
            <g key={tick} fontSize={4} fill={AXIS}>
              <text x={scale(tick)} y={y(0) + 6} textAnchor="middle">
                {formatPercent(tick)}
              </text>
              <text x={scale(0) - 2} y={y(tick) + 1.5} textAnchor="end">
                {formatPercent(tick)}
              </text>
            </g>
          ))}
          <polyline points={points} fill="none" stroke={BLUE} strokeWidth={0.8} />
          {bins.map((bin, index) => (
            <circle key={index} cx={scale(bin.predicted)} cy={y(bin.observed)} r={1.6} fill={BLUE} />
          ))}
        </svg>
      </Box>
      <Text size="xs" c="dark.6">
        {t('learning.calibration.axes')}
      </Text>
    </Figure>
  );
}

export type Effect = { key: string; label: string; effect: number };

/** Bars either side of zero: how much the predicted chance moves when a feature goes from low to high. */
export function EffectsChart({ effects }: { effects: Effect[] }) {
  const { t, i18n } = useTranslation();
  const top = Math.max(0.01, ...effects.map((effect) => Math.abs(effect.effect)));
  const points = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatNumber(Math.abs(value) * 100, { maximumFractionDigits: 1 })}`;
  return (
    <Figure
      title={t('learning.effects.title')}
      description={t('learning.effects.description')}
      table={
        <FiguresTable
          caption={t('learning.effects.title')}
          head={[t('learning.effects.feature'), t('learning.effects.points')]}
          rows={effects.map((effect) => [effect.label, points(effect.effect)])}
        />
      }
    >
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, 14rem) minmax(6rem, 1fr) max-content', gap: '0.35rem 0.75rem', alignItems: 'center' }}>
        {effects.map((effect) => {
          const share = (Math.abs(effect.effect) / top) * 50;
          return (
            <Box key={effect.key} style={{ display: 'contents' }}>
              <Text size="sm">{effect.label}</Text>
              <svg
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                width="100%"
                height="18"
                aria-hidden="true"
                style={i18n.dir() === 'rtl' ? { transform: 'scaleX(-1)' } : undefined}
              >
                <rect x={0} y={0} width={100} height={10} fill="var(--mantine-color-gray-1)" />
                <rect x={effect.effect >= 0 ? 50 : 50 - share} y={1.5} width={share} height={7} fill={effect.effect >= 0 ? BLUE : 'var(--mantine-color-orange-9)'} />
                <line x1={50} y1={0} x2={50} y2={10} stroke={AXIS} strokeWidth={0.6} />
              </svg>
              <Text size="sm" fw={700}>
                {points(effect.effect)}
              </Text>
            </Box>
          );
        })}
      </Box>
    </Figure>
  );
}

/** Expected successes: the engine with the learned part against the pairs that were made, with the interval of
 * the difference as whiskers on the engine's bar. */
export function BacktestChart({ backtest }: { backtest: ModelBacktest }) {
  const { t, i18n } = useTranslation();
  const learned = backtest.expected_learned ?? 0;
  const made = backtest.expected_made ?? 0;
  const low = backtest.interval?.[0] ?? 0;
  const high = backtest.interval?.[1] ?? 0;
  const top = Math.max(1, learned, made, made + high) * 1.05;
  const x = (value: number) => (Math.max(0, value) / top) * 100;
  const count = (value: number) => formatNumber(value, { maximumFractionDigits: 1 });
  const rows = [
    { key: 'learned', label: t('learning.backtest.learned'), value: learned, whisker: [made + low, made + high] as const },
    { key: 'made', label: t('learning.backtest.made'), value: made, whisker: null },
  ];
  return (
    <Figure
      title={t('learning.backtest.title')}
      description={t('learning.backtest.description', { level: formatPercent(backtest.level ?? 0.95) })}
      table={
        <FiguresTable
          caption={t('learning.backtest.title')}
          head={[t('learning.backtest.assignment'), t('learning.backtest.expected'), t('learning.backtest.range')]}
          rows={[
            [t('learning.backtest.learned'), count(learned), `${count(made + low)} – ${count(made + high)}`],
            [t('learning.backtest.made'), count(made), '—'],
          ]}
        />
      }
    >
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, 14rem) minmax(6rem, 1fr) max-content', gap: '0.5rem 0.75rem', alignItems: 'center' }}>
        {rows.map((row) => (
          <Box key={row.key} style={{ display: 'contents' }}>
            <Text size="sm">{row.label}</Text>
            <svg
              viewBox="0 0 100 12"
              preserveAspectRatio="none"
              width="100%"
              height="24"
              aria-hidden="true"
              data-testid={`backtest-${row.key}`}
              style={i18n.dir() === 'rtl' ? { transform: 'scaleX(-1)' } : undefined}
            >
              <rect x={0} y={2} width={x(row.value)} height={8} fill={row.key === 'learned' ? BLUE : GREY} />
              {row.whisker && (
                <g stroke={AXIS} strokeWidth={0.8}>
                  <line x1={x(row.whisker[0])} y1={6} x2={x(row.whisker[1])} y2={6} />
                  <line x1={x(row.whisker[0])} y1={2} x2={x(row.whisker[0])} y2={10} />
                  <line x1={x(row.whisker[1])} y1={2} x2={x(row.whisker[1])} y2={10} />
                </g>
              )}
            </svg>
            <Text size="sm" fw={700}>
              {count(row.value)}
            </Text>
          </Box>
        ))}
      </Box>
    </Figure>
  );
}
