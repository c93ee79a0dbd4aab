import { Anchor, List, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from '@/lib/router';
import { Empty, QueryState } from '@/components/query-state';
import { CoordinatorDashboard } from '@/features/coordinator/components/dashboard';
import { PeerNetworkDashboard } from '@/features/peers/components/network-dashboard';
import { SafetyReportsPanel } from '@/features/safety/components/safety-reports-panel';
import { useMe } from '@/lib/auth';
import { RequireLogin } from './require-login';

function Coordinator() {
  const { t } = useTranslation();
  const { programmeId } = useParams();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const programmes = data.memberships.filter((m) => m.role === 'coordinator');
        if (programmes.length === 0) return <Empty>{t('common.notFound')}</Empty>;
        const current = programmes.find((m) => m.programme === programmeId);
        if (!programmeId && programmes.length === 1 && programmes[0]) return <Navigate to={`/coordinator/${programmes[0].programme}`} replace />;
        if (!current)
          return (
            <Stack>
              <Title order={1} size="h2">
                {t('coordinator.choose')}
              </Title>
              <List>
                {programmes.map((m) => (
                  <List.Item key={m.programme}>
                    <Anchor component={Link} to={`/coordinator/${m.programme}`}>
                      {m.programme_name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Stack>
          );
        const dashboard =
          current.programme_kind === 'peer_network' ? (
            <PeerNetworkDashboard programmeId={current.programme} programmeName={current.programme_name} />
          ) : (
            <CoordinatorDashboard programmeId={current.programme} programmeName={current.programme_name} />
          );
        return (
          <Stack gap="xl">
            {dashboard}
            {/* Safety (features/safety): the programme's safety reports, to act on them. */}
            <SafetyReportsPanel programmeId={current.programme} kind={current.programme_kind} />
          </Stack>
        );
      }}
    </QueryState>
  );
}

export function CoordinatorRoute() {
  return (
    <RequireLogin>
      <Coordinator />
    </RequireLogin>
  );
}
