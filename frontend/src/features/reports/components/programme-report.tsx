// The funder's report (issue 15), of one programme or of every programme of an organisation: a period of whole
// months, a breakdown if she wants one, then each figure as a chart and a table, the median waiting time, and the report to download (CSV, XLSX) or print.
// Counts of 1 to 4 people read "< 5", and "–" hides a count that would give one away (docs/reports.md); the page
// shows what the server sends and nothing else.
import { Anchor, Button, Group, NativeSelect, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '@/components/query-state';
import { isolate } from '@/components/local-text';
import { formatDate, formatNumber } from '@/lib/format';
import { Link } from '@/lib/router';
import { type Breakdown, type ReportCell, type ReportFigure, type ReportQuery, type ReportScope, reportUrl, useReport } from '../api/get-report';
import { type Bar, BarChart } from './bar-chart';
import './report-print.css';

const BREAKDOWNS: Breakdown[] = ['', 'language', 'city', 'role'];

/** "2026-03" for a date's month. */
function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The last day of a month given as "YYYY-MM", as "YYYY-MM-DD". */
function lastDay(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

function defaultMonths(today: Date): { from: string; to: string } {
  return { from: monthOf(new Date(today.getFullYear(), today.getMonth() - 11, 1)), to: monthOf(today) };
}

const MONTH = /^\d{4}-\d{2}$/;

function CellText({ cell }: { cell: ReportCell }) {
  const { t } = useTranslation();
  if (cell.status === 'shown') return <>{formatNumber(cell.value ?? 0)}</>;
  if (cell.status === 'small') return <span title={t('reports.smallTitle')}>{t('reports.small')}</span>;
  return (
    <span title={t('reports.hiddenTitle')}>
      –<span className="visually-hidden-report">{` ${t('reports.hiddenTitle')}`}</span>
    </span>
  );
}

/** The bars of a figure: one per group of the breakdown (its total), or one per column without a breakdown. */
function barsOf(figure: ReportFigure): Bar[] {
  const groups = figure.rows.filter((row) => !row.total);
  if (groups.length > 1) {
    return groups.map((row) => ({ key: row.key, label: row.label, cell: row.cells[row.cells.length - 1]! }));
  }
  const only = figure.rows[0];
  if (!only || figure.columns.length < 2) return [];
  return figure.columns
    .map((column, index) => ({ key: column.key, label: column.label, cell: only.cells[index]! }))
    .filter((bar) => bar.key !== '__total__');
}

function FigureSection({ figure }: { figure: ReportFigure }) {
  const { t } = useTranslation();
  const headingId = useId();
  const bars = barsOf(figure);
  const single = figure.rows.length === 1 && figure.columns.length === 1 ? figure.rows[0]!.cells[0]! : null;
  return (
    <section aria-labelledby={headingId} className="report-figure" data-testid={`report-figure-${figure.key}`}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {figure.label}
          {single && (
            <>
              {': '}
              <Text span fw={700} inherit data-testid="report-figure-value">
                <CellText cell={single} />
              </Text>
            </>
          )}
        </Title>
        {bars.length > 0 && <BarChart bars={bars} title={t('reports.chart', { figure: figure.label })} smallText={t('reports.small')} />}
        {!single && (
          <ScrollArea
            type="auto"
            offsetScrollbars
            className="report-scroll"
            viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('reports.tableOf', { figure: figure.label }) }}
          >
            <Table withTableBorder withColumnBorders verticalSpacing="xs" miw={320}>
              <Table.Caption c="dark">{t('reports.tableOf', { figure: figure.label })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.group')}</Table.Th>
                  {figure.columns.map((column) => (
                    <Table.Th scope="col" key={column.key} ta="end">
                      {column.key === '__total__' ? t('reports.total') : column.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figure.rows.map((row) => (
                  <Table.Tr key={row.key} fw={row.total ? 700 : undefined}>
                    <Table.Th scope="row" fw={row.total ? 700 : 400}>
                      <bdi>{row.total ? t('reports.total') : row.label}</bdi>
                    </Table.Th>
                    {row.cells.map((cell, index) => (
                      <Table.Td key={figure.columns[index]?.key ?? index} ta="end">
                        <CellText cell={cell} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Stack>
    </section>
  );
}

/** One programme's report, for its coordinators. */
export function ProgrammeReport({ programmeId, programmeName, today }: { programmeId: string; programmeName: string; today?: Date }) {
  const { t } = useTranslation();
  return (
    <FunderReport
      scope={{ kind: 'programme', id: programmeId }}
      name={programmeName}
      back={{ to: `/coordinator/${programmeId}`, label: t('reports.back') }}
      today={today}
    />
  );
}

/** The report over every programme of an organisation, for its admins. */
export function OrganisationReport({ organisationId, organisationName, today }: { organisationId: string; organisationName: string; today?: Date }) {
  const { t } = useTranslation();
  return (
    <FunderReport
      scope={{ kind: 'organisation', id: organisationId }}
      name={organisationName}
      back={{ to: `/organisations/${organisationId}`, label: t('reports.backOrganisation') }}
      today={today}
    />
  );
}

function FunderReport({
  scope,
  name,
  back,
  today = new Date(),
}: {
  scope: ReportScope;
  name: string;
  back: { to: string; label: string };
  today?: Date | undefined;
}) {
  const { t } = useTranslation();
  const [months, setMonths] = useState(() => defaultMonths(today));
  const [by, setBy] = useState<Breakdown>('');
  const monthsValid = MONTH.test(months.from) && MONTH.test(months.to);
  const ordered = monthsValid && months.from <= months.to;
  const [query, setQuery] = useState<ReportQuery>(() => ({ from: `${months.from}-01`, to: lastDay(months.to), by }));
  const report = useReport(scope, query);

  const change = (next: { from: string; to: string }, nextBy: Breakdown) => {
    setMonths(next);
    setBy(nextBy);
    if (MONTH.test(next.from) && MONTH.test(next.to) && next.from <= next.to) {
      setQuery({ from: `${next.from}-01`, to: lastDay(next.to), by: nextBy });
    }
  };
  const data = report.data;

  return (
    <Stack className="report-printable">
      <Anchor component={Link} to={back.to} data-print-hide w="fit-content">
        {back.label}
      </Anchor>
      <Title order={1} size="h2">
        {t('reports.title', { programme: isolate(name) })}
      </Title>
      <Text data-print-hide>{t('reports.intro')}</Text>
      <Group align="flex-end" gap="sm" data-print-hide>
        <TextInput
          type="month"
          label={t('reports.from')}
          value={months.from}
          onChange={(event) => change({ ...months, from: event.currentTarget.value }, by)}
          w={190}
        />
        <TextInput
          type="month"
          label={t('reports.to')}
          value={months.to}
          onChange={(event) => change({ ...months, to: event.currentTarget.value }, by)}
          error={monthsValid && !ordered ? t('reports.toBeforeFrom') : undefined}
          w={190}
        />
        <NativeSelect
          label={t('reports.by.label')}
          value={by}
          onChange={(event) => change(months, event.currentTarget.value as Breakdown)}
          data={BREAKDOWNS.map((value) => ({ value, label: t(`reports.by.${value || 'none'}`) }))}
          w={220}
        />
      </Group>
      {data && scope.kind === 'organisation' && (
        <Text data-testid="report-programmes">
          {data.programmes.length === 0
            ? t('reports.noProgrammes')
            : t('reports.covers', { count: data.programmes.length, programmes: data.programmes.map((programme) => isolate(programme.name)).join(', ') })}
        </Text>
      )}
      {data && (
        <Text fw={500} data-testid="report-period">
          {t('reports.period', { from: formatDate(`${data.period.from}T12:00:00`, 'long'), to: formatDate(`${data.period.to}T12:00:00`, 'long') })}
        </Text>
      )}
      <Text size="sm">{t('reports.rule')}</Text>
      <Group gap="sm" data-print-hide>
        <Button component="a" href={reportUrl(scope, query, 'xlsx')} download variant="light">
          {t('reports.downloadXlsx')}
        </Button>
        <Button component="a" href={reportUrl(scope, query, 'csv')} download variant="light">
          {t('reports.downloadCsv')}
        </Button>
        <Button variant="outline" onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
      </Group>
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {!data && report.isPending && <Loading />}
      {data && (
        <Stack gap="xl" aria-busy={report.isFetching} data-testid="report-figures">
          {data.figures.map((figure) => (
            <FigureSection key={figure.key} figure={figure} />
          ))}
          {data.waiting && (
            <section className="report-figure" aria-labelledby="report-waiting" data-testid="report-waiting">
              <Stack gap="xs">
                <Title order={2} size="h4" id="report-waiting">
                  {data.waiting.label}
                  {': '}
                  <Text span fw={700} inherit>
                    {data.waiting.overall.days === null ? t('reports.fewPeople') : t('reports.days', { count: data.waiting.overall.days, days: formatNumber(data.waiting.overall.days) })}
                  </Text>
                </Title>
                {data.waiting.rows.length > 0 && (
                  <ScrollArea
                    type="auto"
                    offsetScrollbars
                    className="report-scroll"
                    viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('reports.waitingTable') }}
                  >
                    <Table withTableBorder verticalSpacing="xs" miw={280}>
                      <Table.Caption c="dark">{t('reports.waitingTable')}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('reports.group')}</Table.Th>
                          <Table.Th scope="col" ta="end">
                            {t('reports.median')}
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {data.waiting.rows.map((row) => (
                          <Table.Tr key={row.key}>
                            <Table.Th scope="row" fw={400}>
                              <bdi>{row.label}</bdi>
                            </Table.Th>
                            <Table.Td ta="end">
                              {row.days === null ? t('reports.fewPeople') : t('reports.days', { count: row.days, days: formatNumber(row.days) })}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea>
                )}
              </Stack>
            </section>
          )}
        </Stack>
      )}
    </Stack>
  );
}
