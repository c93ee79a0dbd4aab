// A small accessible bar chart in plain HTML: every bar carries its label and number as text (so nothing is
// told by colour or length alone), it follows the page's direction (Arabic), and a table of the same figures
// can be opened under it.
import { Box, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type Bar = { key: string; label: string; value: number; display?: string };

export function BarChart({
  title,
  bars,
  valueHeader,
  max,
  empty,
}: {
  title: string;
  bars: Bar[];
  /** The table's column header for the numbers. */
  valueHeader: string;
  /** The value a full bar stands for (default: the largest value). */
  max?: number;
  empty?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const top = Math.max(1, max ?? 0, ...bars.map((bar) => bar.value));
  return (
    <Box component="figure" m={0} aria-labelledby={id} data-testid="bar-chart">
      <Title order={2} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {bars.length === 0 ? (
        <Text c="dark.6">{empty ?? t('dashboard.charts.noData')}</Text>
      ) : (
        <>
          <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(6rem, max-content) 1fr max-content', gap: '0.35rem 0.75rem', alignItems: 'center' }}>
            {bars.map((bar) => (
              <Box key={bar.key} style={{ display: 'contents' }}>
                <Text size="sm">{bar.label}</Text>
                <Box aria-hidden="true" style={{ background: 'var(--mantine-color-gray-1)', border: '1px solid var(--mantine-color-gray-5)', blockSize: '1.1rem', minInlineSize: '3rem' }}>
                  <Box style={{ background: 'var(--mantine-color-blue-8)', blockSize: '100%', inlineSize: `${(bar.value / top) * 100}%` }} />
                </Box>
                <Text size="sm" fw={700}>
                  {bar.display ?? bar.value}
                </Text>
              </Box>
            ))}
          </Box>
          <details>
            <summary>
              <Text component="span" size="sm">
                {t('dashboard.charts.showTable')}
              </Text>
            </summary>
            <Table withTableBorder mt="xs" maw={480} data-testid="chart-table">
              <Table.Caption c="dark.9">{title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.charts.item')}</Table.Th>
                  <Table.Th scope="col">{valueHeader}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bars.map((bar) => (
                  <Table.Tr key={bar.key}>
                    <Table.Th scope="row" fw={400}>
                      {bar.label}
                    </Table.Th>
                    <Table.Td>{bar.display ?? bar.value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        </>
      )}
    </Box>
  );
}
