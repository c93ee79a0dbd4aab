import { Anchor, List, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty, QueryState } from '@/components/query-state';
import { OrganisationPage } from '@/features/organisations/components/organisation-page';
import { useMe } from '@/lib/auth';
import { Link, Navigate, useParams } from '@/lib/router';
import { RequireLogin } from './require-login';

/** The organisations she runs: with one, its page at once; with several, a choice; another's id is not found. */
function Organisations() {
  const { t } = useTranslation();
  const { organisationId } = useParams();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const organisations = data.organisations;
        if (organisations.length === 0) return <Empty>{t('common.notFound')}</Empty>;
        if (!organisationId && organisations.length === 1 && organisations[0])
          return <Navigate to={`/organisations/${organisations[0].id}`} replace />;
        const current = organisations.find((organisation) => organisation.id === organisationId);
        if (organisationId && !current) return <Empty>{t('common.notFound')}</Empty>;
        if (!current)
          return (
            <Stack>
              <Title order={1} size="h2">
                {t('organisations.choose')}
              </Title>
              <List>
                {organisations.map((organisation) => (
                  <List.Item key={organisation.id}>
                    <Anchor component={Link} to={`/organisations/${organisation.id}`}>
                      {organisation.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Stack>
          );
        return <OrganisationPage key={current.id} organisationId={current.id} organisationName={current.name} />;
      }}
    </QueryState>
  );
}

export function OrganisationsRoute() {
  return (
    <RequireLogin>
      <Organisations />
    </RequireLogin>
  );
}
