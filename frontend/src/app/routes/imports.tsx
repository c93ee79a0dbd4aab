import { useTranslation } from 'react-i18next';
import { useParams } from '@/lib/router';
import { Empty, QueryState } from '@/components/query-state';
import { ImportParticipants } from '@/features/imports/components/import-participants';
import { useMe } from '@/lib/auth';
import { RequireLogin } from './require-login';

/** A coordinator imports a participant list into one of her programmes (the kind says which roles it takes). */
function ImportPage() {
  const { t } = useTranslation();
  const { programmeId } = useParams();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const current = data.memberships.find((m) => m.role === 'coordinator' && m.programme === programmeId);
        if (!current) return <Empty>{t('common.notFound')}</Empty>;
        return (
          <ImportParticipants
            key={current.programme}
            programmeId={current.programme}
            programmeName={current.programme_name}
            kind={current.programme_kind}
          />
        );
      }}
    </QueryState>
  );
}

export function ImportRoute() {
  return (
    <RequireLogin>
      <ImportPage />
    </RequireLogin>
  );
}
