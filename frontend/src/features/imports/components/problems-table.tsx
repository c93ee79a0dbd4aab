// Every problem of a list, by row and column, in the server's words: problems of the whole file (a needed column
// not chosen) first, then by row. Long lists are shown a page at a time, so thousands of problems stay usable.
import { Group, Pagination, ScrollArea, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import type { ImportProblem, ImportReport } from '../api/import-participants';

export const PROBLEMS_PER_PAGE = 50;

export function ProblemsTable({ problems, fields }: { problems: ImportProblem[]; fields: ImportReport['fields'] }) {
  const { t } = useTranslation();
  const [wanted, setWanted] = useState(1);
  // A new check (another file, other columns) starts again at its first page.
  useEffect(() => setWanted(1), [problems]);
  const ordered = useMemo(
    // A stable sort: the server's order (by row, then column) is kept within each part.
    () => [...problems].sort((a, b) => Number(a.row !== null) - Number(b.row !== null)),
    [problems],
  );
  const pages = Math.max(1, Math.ceil(ordered.length / PROBLEMS_PER_PAGE));
  const page = Math.min(wanted, pages);
  const from = (page - 1) * PROBLEMS_PER_PAGE;
  const shown = ordered.slice(from, from + PROBLEMS_PER_PAGE);
  const labels = new Map(fields.map((field) => [field.key, field.label]));
  return (
    <>
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder withRowBorders verticalSpacing="xs" miw={320}>
          <Table.Caption c="dark">{t('imports.problems.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.problems.row')}</Table.Th>
              <Table.Th scope="col">{t('imports.problems.column')}</Table.Th>
              <Table.Th scope="col">{t('imports.problems.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((problem, index) => (
              <Table.Tr key={`${from + index}`} data-testid="import-problem">
                <Table.Td>{problem.row === null ? t('imports.problems.wholeFile') : formatNumber(problem.row, { useGrouping: false })}</Table.Td>
                <Table.Td>
                  {problem.letter ? (
                    <>
                      <Text span fw={700}>
                        {problem.letter}
                      </Text>{' '}
                      <bdi>{problem.column}</bdi>
                    </>
                  ) : (
                    labels.get(problem.field) ?? problem.field
                  )}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {pages > 1 && (
        <Group justify="space-between" gap="sm">
          <Text size="sm" aria-live="polite">
            {t('imports.problems.range', {
              from: formatNumber(from + 1),
              to: formatNumber(from + shown.length),
              total: formatNumber(ordered.length),
            })}
          </Text>
          <nav aria-label={t('imports.problems.pages')}>
            <Pagination
              total={pages}
              value={page}
              onChange={setWanted}
              size="sm"
              siblings={1}
              boundaries={1}
              getItemProps={(item) => ({
                'aria-label': t('imports.problems.page', { page: formatNumber(item) }),
                'aria-current': item === page ? 'page' : undefined,
              })}
              getControlProps={(control) => ({
                'aria-label': control === 'previous' ? t('imports.problems.previousPage') : t('imports.problems.nextPage'),
              })}
            />
          </nav>
        </Group>
      )}
    </>
  );
}
