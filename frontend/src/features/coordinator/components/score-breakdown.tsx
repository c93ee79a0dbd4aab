// The engine's score for a pair and how it is made: each part's match, weight and share of the score, with reasons.
import { Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Reason } from '@/i18n/reasons';
import { ReasonList } from '@/components/reason-list';
import { useLabels } from '@/lib/reference';

export type ScorePart = { name: string; value: number; weight?: number; contribution?: number; reasons?: Reason[] };

export function ScoreBreakdown({ score, parts, reasons = [] }: { score: number; parts: ScorePart[]; reasons?: Reason[] }) {
  const { t, i18n } = useTranslation();
  const sector = useLabels('sectors');
  const goal = useLabels('goals');
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' });
  const withWeights = parts.some((part) => part.weight !== undefined);
  const allReasons = reasons.length > 0 ? reasons : parts.flatMap((part) => part.reasons ?? []);
  return (
    <div data-testid="score-breakdown">
      <Group gap="xs" align="baseline">
        <Text fw={600}>{t('coordinator.proposals.score')}:</Text>
        <Text fw={700} size="xl" data-testid="score">
          {number.format(score)}
        </Text>
      </Group>
      <Table withTableBorder verticalSpacing={4} maw={520} my="xs">
        <Table.Caption c="dark.9">{t('coordinator.proposals.parts')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('dashboard.score.part')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.score.match')}</Table.Th>
            {withWeights && <Table.Th scope="col">{t('dashboard.score.weight')}</Table.Th>}
            {withWeights && <Table.Th scope="col">{t('dashboard.score.contribution')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {parts.map((part) => (
            <Table.Tr key={part.name}>
              <Table.Th scope="row" fw={400}>
                {t(`parts.${part.name}`, { defaultValue: part.name })}
              </Table.Th>
              <Table.Td>{percent.format(part.value)}</Table.Td>
              {withWeights && <Table.Td>{part.weight === undefined ? '—' : number.format(part.weight)}</Table.Td>}
              {withWeights && <Table.Td>{part.contribution === undefined ? '—' : number.format(part.contribution)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {allReasons.length > 0 && (
        <>
          <Text fw={600} size="sm">
            {t('coordinator.proposals.reasons')}
          </Text>
          <ReasonList reasons={allReasons} labels={{ sector, goal }} label={t('coordinator.proposals.reasons')} />
        </>
      )}
    </div>
  );
}
