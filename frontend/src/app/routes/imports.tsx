import { ImportParticipants } from '@/features/imports/components/import-participants';
import { CoordinatedProgramme } from './coordinated-programme';
import { RequireLogin } from './require-login';

/** A coordinator imports a participant list into one of her programmes (the kind says which roles it takes). */
export function ImportRoute() {
  return (
    <RequireLogin>
      <CoordinatedProgramme>
        {(current) => (
          <ImportParticipants
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
