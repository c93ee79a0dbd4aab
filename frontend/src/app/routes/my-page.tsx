import { Stack } from '@mantine/core';
import { QueryState } from '@/components/query-state';
import { AvailabilityForm } from '@/features/mentor-settings/components/availability-form';
import { MyMatches } from '@/features/participant/components/my-matches';
import { useMe } from '@/lib/auth';
import { RequireLogin } from './require-login';

function MyPage() {
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const mentorProfile = data.memberships.find((m) => (m.role === 'mentor' || m.role === 'employer') && m.profile)?.profile;
        return (
          <Stack>
            <MyMatches role={mentorProfile ? 'mentor' : 'mentee'} />
            {mentorProfile && <AvailabilityForm profileId={mentorProfile} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}

export function MyPageRoute() {
  return (
    <RequireLogin>
      <MyPage />
    </RequireLogin>
  );
}
