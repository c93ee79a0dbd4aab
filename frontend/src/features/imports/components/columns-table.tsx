// The file's columns: each with its name, its first value and the field it fills, which she can change (or leave
// out). The fields every person needs are marked, and the ones no column fills yet are named above the table.
import { NativeSelect, ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatList } from '@/lib/format';
import type { ColumnMapping, ImportReport } from '../api/import-participants';

export function ColumnsTable({
  report,
  mapping,
  onChange,
  disabled,
}: {
  report: ImportReport;
  /** Her own choice, when she made one; else the server's (what the headers say, or what she chose last time). */
  mapping: ColumnMapping | null;
  onChange: (header: string, field: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const fieldOf = (header: string, fallback: string) => mapping?.[header] ?? fallback;
  const used = new Set(report.columns.map((column) => fieldOf(column.header, column.field)).filter(Boolean));
  const needed = report.fields.filter((field) => field.required);
  const missing = needed.filter((field) => !used.has(field.key));
  const options = [
    { value: '', label: t('imports.columns.notImported') },
    ...report.fields.map((field) => ({
      value: field.key,
      label: field.required ? t('imports.columns.neededOption', { field: field.label }) : field.label,
    })),
  ];
  return (
    <>
      {needed.length > 0 && (
        <Text size="sm">{t('imports.columns.needed', { fields: formatList(needed.map((field) => field.label)) })}</Text>
      )}
      {missing.length > 0 && (
        <Text size="sm" c="red.9" fw={500}>
          {t('imports.columns.missing', { fields: formatList(missing.map((field) => field.label)) })}
        </Text>
      )}
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder withRowBorders verticalSpacing="xs" miw={560}>
          <Table.Caption c="dark">{t('imports.columns.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.columns.letter')}</Table.Th>
              <Table.Th scope="col">{t('imports.columns.header')}</Table.Th>
              <Table.Th scope="col">{t('imports.columns.sample')}</Table.Th>
              <Table.Th scope="col">{t('imports.columns.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.columns.map((column) => (
              <Table.Tr key={column.header}>
                <Table.Td>{column.letter}</Table.Td>
                <Table.Th scope="row" fw={500}>
                  <bdi>{column.header}</bdi>
                </Table.Th>
                <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
                  {column.sample ? <bdi>{column.sample}</bdi> : <Text span c="dark.7" size="sm">{t('imports.columns.empty')}</Text>}
                </Table.Td>
                <Table.Td miw={200}>
                  <NativeSelect
                    aria-label={t('imports.columns.fieldFor', { letter: column.letter, header: column.header })}
                    data={options}
                    value={fieldOf(column.header, column.field)}
                    onChange={(event) => onChange(column.header, event.currentTarget.value)}
                    disabled={disabled}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </>
  );
}
