import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { LoginForm } from '@/features/auth/components/login-form';
import { CoordinatorJoined, InvitationLanding, type InvitedJoin } from '@/features/invitations/components/invitation-landing';
import { SignUpForm } from '@/features/signup/components/signup-form';
import type { SignUpRole } from '@/features/signup/components/signup-fields';
import { JoinNetworkForm } from '@/features/peers/components/join-form';
import { meQueryKey } from '@/lib/auth';
import { useNavigate, useParams } from '@/lib/router';

/** The sign-up form of the invited role, for the invited address (its account step skipped when she is logged in). */
// The programme comes with the invitation: the public programme route hides a programme whose sign-up is closed,
// and an invitation is the way in while it is.
function InvitedSignUp({ join, onDone }: { join: InvitedJoin; onDone: () => void }) {
  const programme = join.preview.programme_details;
  const invitation = { emailHint: join.preview.email_hint, loggedIn: join.loggedIn, submit: join.submit };
  return join.preview.role === 'frontline_worker' ? (
    <JoinNetworkForm programme={programme} onDone={onDone} invitation={invitation} />
  ) : (
    <SignUpForm programme={programme} role={join.preview.role as SignUpRole} onDone={onDone} invitation={invitation} />
  );
}

/** An invitation's link: /invitations/<token> (the email's link). */
export function InvitationRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [coordinatorOf, setCoordinatorOf] = useState<string | null>(null);
  if (coordinatorOf !== null) return <CoordinatorJoined programmeName={coordinatorOf} />;
  return (
    <InvitationLanding
      token={token}
      renderLogin={() => <LoginForm onLoggedIn={() => undefined} />}
      renderSignUp={(join) => <InvitedSignUp join={join} onDone={() => undefined} />}
      onJoined={async (preview) => {
        if (preview.role !== 'coordinator') {
          void navigate(preview.role === 'frontline_worker' ? '/networks/welcome' : '/me');
          return;
        }
        const me = await queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: async () => unwrap(await api.GET('/api/v1/me/')) });
        // Coordinators use two-step verification: a session that has not passed it logs in again to set it up.
        if (me.two_step.required && !me.two_step.passed) setCoordinatorOf(preview.programme_name);
        else void navigate(`/coordinator/${preview.programme}`);
      }}
    />
  );
}
