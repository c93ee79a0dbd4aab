import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { QueryState } from '@/components/query-state';
import { AvailabilityForm } from '@/features/mentor-settings/components/availability-form';
import { VerificationNotice } from '@/features/mentor-settings/components/verification-notice';
import { MyMatches } from '@/features/participant/components/my-matches';
import { OutcomeQuestionsCard } from '@/features/outcomes/components/outcome-card';
import { MyPeerNetwork } from '@/features/peers/components/my-network';
import { ProgrammeWelcome } from '@/features/programmes/components/programme-welcome';
import { ReportDialogTrigger } from '@/features/safety/components/report-dialog';
import { useMe } from '@/lib/auth';
import { RequireLogin } from './require-login';

function MyPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) => {
        const mentorProfile = data.memberships.find((m) => (m.role === 'mentor' || m.role === 'employer') && m.profile)?.profile;
        const hasProfile = data.memberships.some((m) => m.programme_kind === 'mentoring' && m.role !== 'coordinator' && m.profile);
        const peerNetworks = data.memberships.filter((m) => m.role === 'frontline_worker');
        const inMentoring = data.memberships.some((m) => m.programme_kind === 'mentoring' && m.role !== 'coordinator');
        return (
          <Stack>
            {data.memberships
              .filter((m) => m.role !== 'coordinator')
              .map((m) => (
                <ProgrammeWelcome key={`welcome-${m.programme}`} programmeId={m.programme} />
              ))}
            {peerNetworks.map((m) => (
              <MyPeerNetwork
                key={m.programme}
                programmeId={m.programme}
                programmeName={m.programme_name}
                memberActions={(member, groupId) => <ReportDialogTrigger target={{ group: groupId, person: member.profile }} />}
              />
            ))}
            {mentorProfile && <VerificationNotice profileId={mentorProfile} />}
            {inMentoring && <OutcomeQuestionsCard />}
            {(inMentoring || peerNetworks.length === 0) && <MyMatches role={mentorProfile ? 'mentor' : 'mentee'} />}
            {hasProfile && (
              <Group>
                <Button component={Link} to="/me/profile" variant="outline">
                  {t('mentoring.profile.edit')}
                </Button>
              </Group>
            )}
            {mentorProfile && <AvailabilityForm profileId={mentorProfile} />}
            <Group>
              <Button component={Link} to="/me/privacy" variant="subtle">
                {t('privacy.link')}
              </Button>
            </Group>
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
