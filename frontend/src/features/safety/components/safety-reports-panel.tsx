import { Alert, Badge, Button, Card, Group, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '@/api/schema';
import { ApiError } from '@/api/errors';
import { QueryState } from '@/components/query-state';
import { type Decision, useDecideReport } from '../api/decide-report';
import { useSafetyReports } from '../api/get-safety-reports';
import { formatDateTime } from '@/lib/format';

type SafetyReport = components['schemas']['CoordinatorReportOutput'];

function ReportCard({ report, programmeId }: { report: SafetyReport; programmeId: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const decide = useDecideReport(programmeId);
  const headingId = `report-${report.id}`;
  const act = (decision: Decision) => {
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    decide.mutate({ reportId: report.id, decision, note });
  };
  const person = (who: SafetyReport['reporter']) =>
    who ? `${who.display_name}${who.is_active ? '' : ` (${t('safety.reports.inactive')})`}` : '—';
  const when = formatDateTime(report.created_at);

  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={headingId}>
            {t(`safety.report.categories.${report.category}`)}
          </Title>
          <Badge color={report.status === 'open' ? 'red' : 'gray'} variant="light" c="dark.9" size="lg">
            {t(`safety.reports.status.${report.status}`)}
          </Badge>
        </Group>
        <dl className="facts">
          <dt>{t('safety.reports.when')}</dt>
          <dd>{when}</dd>
          <dt>{t('safety.reports.where')}</dt>
          <dd>{t(`safety.reports.context.${report.context}`)}</dd>
          <dt>{t('safety.reports.reporter')}</dt>
          <dd>{person(report.reporter)}</dd>
          <dt>{t('safety.reports.reported')}</dt>
          <dd>{person(report.reported)}</dd>
          <dt>{t('safety.reports.words')}</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{report.text || t('safety.reports.noWords')}</dd>
        </dl>
        {report.status === 'open' ? (
          <Stack gap="xs">
            {decide.error && (
              <Alert color="red.9" role="alert">
                {decide.error instanceof ApiError && decide.error.errors.length
                  ? decide.error.errors.map((e) => e.detail).join(' ')
                  : t('common.error')}
              </Alert>
            )}
            <Textarea
              label={t('safety.reports.note')}
              value={note}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setNoteMissing(false);
              }}
              error={noteMissing ? t('safety.reports.noteRequired') : undefined}
              required
              minRows={2}
            />
            <Group gap="xs" wrap="wrap">
              <Button variant="default" onClick={() => act('dismiss')} loading={decide.isPending}>
                {t('safety.reports.dismiss')}
              </Button>
              {report.match && (
                <Button variant="outline" color="red.9" onClick={() => act('end-match')} loading={decide.isPending}>
                  {t('safety.reports.endMatch')}
                </Button>
              )}
              <Button color="red.9" onClick={() => act('suspend')} loading={decide.isPending}>
                {t('safety.reports.suspend')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm">
            {report.resolved_by ? `${t('safety.reports.decidedBy', { name: report.resolved_by })}: ` : ''}
            {report.resolution_note}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The coordinator's list of safety reports in one programme, to act on them. */
/** kind: a peer network's reports are about people in groups, not matches; the panel says so. */
export function SafetyReportsPanel({ programmeId, kind = 'mentoring' }: { programmeId: string; kind?: string }) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const reports = useSafetyReports(programmeId, !showAll);
  return (
    <Stack component="section" aria-labelledby="safety-reports-title">
      <Title order={2} size="h3" id="safety-reports-title">
        {t('safety.reports.title')}
      </Title>
      <Text size="sm">{t(kind === 'peer_network' ? 'safety.reports.introNetwork' : 'safety.reports.intro')}</Text>
      <Switch label={t('safety.reports.showAll')} checked={showAll} onChange={(event) => setShowAll(event.currentTarget.checked)} />
      <QueryState query={reports}>
        {(page) =>
          page.results.length === 0 ? (
            <Text>{t('safety.reports.empty')}</Text>
          ) : (
            <Stack>
              {page.results.map((report) => (
                <ReportCard key={report.id} report={report} programmeId={programmeId} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
