import { useTranslation } from 'react-i18next';
import { useParams } from '@/lib/router';
import { Empty, QueryState } from '@/components/query-state';
import { ProgrammeReport } from '@/features/reports/components/programme-report';
import { useMe } from '@/lib/auth';
import { RequireLogin } from './require-login';

/** A coordinator's report for funders of one of her programmes (the server also lets site administrators in). */
function ReportPage() {
  const { t } = useTranslation();
  const { programmeId } = useParams();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const current = data.memberships.find((m) => m.role === 'coordinator' && m.programme === programmeId);
        if (!current) return <Empty>{t('common.notFound')}</Empty>;
        return <ProgrammeReport key={current.programme} programmeId={current.programme} programmeName={current.programme_name} />;
      }}
    </QueryState>
  );
}

export function ReportRoute() {
  return (
    <RequireLogin>
      <ReportPage />
    </RequireLogin>
  );
}
