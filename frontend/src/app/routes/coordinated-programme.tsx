import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from '@/lib/router';
import { Empty, QueryState } from '@/components/query-state';
import { useMe } from '@/lib/auth';
import type { components } from '@/api/schema';

type Membership = components['schemas']['MembershipOutput'];

/** A page of one of her programmes as its coordinator (the import, the report): the programme of the path among
 * those she coordinates, else "not found" (the server answers the same for ids that are not hers). */
export function CoordinatedProgramme({ children }: { children: (programme: Membership) => ReactNode }) {
  const { t } = useTranslation();
  const { programmeId } = useParams();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const current = data.memberships.find((m) => m.role === 'coordinator' && m.programme === programmeId);
        return current ? children(current) : <Empty>{t('common.notFound')}</Empty>;
      }}
    </QueryState>
  );
}
