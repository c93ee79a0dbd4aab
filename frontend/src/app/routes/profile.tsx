import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { Empty, QueryState } from '@/components/query-state';
import { ProfilePage } from '@/features/participant/components/profile-form';
import { useMe } from '@/lib/auth';
import { RequireLogin } from './require-login';

function MyProfile() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const profileId = data.memberships.find((m) => m.programme_kind === 'mentoring' && m.role !== 'coordinator' && m.profile)?.profile;
        if (!profileId) return <Empty>{t('common.notFound')}</Empty>;
        return (
          <Stack>
            <Anchor component={Link} to="/me">
              {t('mentoring.profile.backToMyPage')}
            </Anchor>
            <ProfilePage profileId={profileId} />
          </Stack>
        );
      }}
    </QueryState>
  );
}

export function ProfileRoute() {
  return (
    <RequireLogin>
      <MyProfile />
    </RequireLogin>
  );
}
