import { useTranslation } from 'react-i18next';
import { Empty, QueryState } from '@/components/query-state';
import { OrganisationReport, ProgrammeReport } from '@/features/reports/components/programme-report';
import { useMe } from '@/lib/auth';
import { useParams } from '@/lib/router';
import { CoordinatedProgramme } from './coordinated-programme';
import { RequireLogin } from './require-login';

/** A coordinator's report for funders of one of her programmes (the server also lets site administrators in). */
export function ReportRoute() {
  return (
    <RequireLogin>
      <CoordinatedProgramme>
        {(current) => <ProgrammeReport key={current.programme} programmeId={current.programme} programmeName={current.programme_name} />}
      </CoordinatedProgramme>
    </RequireLogin>
  );
}

/** An organisation admin's report over all of her organisation's programmes; another organisation's id is not found. */
function OrganisationReportPage() {
  const { t } = useTranslation();
  const { organisationId } = useParams();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const current = data.organisations.find((organisation) => organisation.id === organisationId);
        if (!current) return <Empty>{t('common.notFound')}</Empty>;
        return <OrganisationReport key={current.id} organisationId={current.id} organisationName={current.name} />;
      }}
    </QueryState>
  );
}

export function OrganisationReportRoute() {
  return (
    <RequireLogin>
      <OrganisationReportPage />
    </RequireLogin>
  );
}
