import { InvitationsPage } from '@/features/invitations/components/invitations-page';
import { CoordinatedProgramme } from './coordinated-programme';
import { RequireLogin } from './require-login';

/** A coordinator's invitations to one of her programmes (the kind says which roles it takes). */
export function InvitationsRoute() {
  return (
    <RequireLogin>
      <CoordinatedProgramme>
        {(current) => (
          <InvitationsPage
            key={current.programme}
            programmeId={current.programme}
            programmeName={current.programme_name}
            kind={current.programme_kind}
          />
        )}
      </CoordinatedProgramme>
    </RequireLogin>
  );
}
