// Follow-up figures of a published round: how many answered, how many groups met, the average rating.
import { NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useParticipation } from '../api/get-participation';
import type { Round } from '../api/types';
import { ScrollTable } from './scroll-table';
import { formatNumber, formatPercent } from '@/lib/format';

function Figures({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const participation = useParticipation(roundId);
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value / 100));
  const rating = (value: number | null) => (value === null ? '–' : formatNumber(value, { maximumFractionDigits: 1 }));
  return (
    <QueryState query={participation}>
      {(data) => (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {[
              [t('peers.participation.members'), data.members],
              [t('peers.participation.answered'), data.answered],
              [t('peers.participation.percentMet'), percent(data.percent_met)],
              [t('peers.participation.averageRating'), rating(data.average_rating)],
            ].map(([label, value]) => (
              <Stack key={String(label)} gap={0}>
                <Text size="xl" fw={700}>
                  {value}
                </Text>
                <Text size="sm">{label}</Text>
              </Stack>
            ))}
          </SimpleGrid>
          <ScrollTable label={t('peers.participation.byGroup')} minWidth={420}>
            <Table withTableBorder striped fz="sm" verticalSpacing={4}>
              <Table.Caption c="gray.7">{t('peers.participation.byGroup')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('peers.participation.group')}</Table.Th>
                  <Table.Th scope="col">{t('peers.participation.members')}</Table.Th>
                  <Table.Th scope="col">{t('peers.participation.answered')}</Table.Th>
                  <Table.Th scope="col">{t('peers.participation.percentMet')}</Table.Th>
                  <Table.Th scope="col">{t('peers.participation.averageRating')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.groups.map((group) => (
                  <Table.Tr key={group.id}>
                    <Table.Th scope="row" fw={400}>
                      {t('peers.participation.groupNumber', { group: group.index + 1 })}
                    </Table.Th>
                    <Table.Td>{group.members}</Table.Td>
                    <Table.Td>{group.answered}</Table.Td>
                    <Table.Td>{percent(group.percent_met)}</Table.Td>
                    <Table.Td>{rating(group.average_rating)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Stack>
      )}
    </QueryState>
  );
}

export function ParticipationPanel({ rounds }: { rounds: Round[] }) {
  const { t } = useTranslation();
  const published = rounds.filter((round) => round.status === 'published');
  const [roundId, setRoundId] = useState(published[0]?.id ?? '');
  if (published.length === 0) return <Text>{t('peers.participation.none')}</Text>;
  const current = published.some((round) => round.id === roundId) ? roundId : (published[0]?.id ?? '');
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('peers.participation.round')}
        value={current}
        onChange={(event) => setRoundId(event.currentTarget.value)}
        data={published.map((round) => ({ value: round.id, label: round.name }))}
        maw={420}
      />
      <Figures roundId={current} />
    </Stack>
  );
}
