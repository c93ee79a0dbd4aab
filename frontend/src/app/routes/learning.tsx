import { ModelCardPage } from '@/features/learning/components/model-card';
import { CoordinatedProgramme } from './coordinated-programme';
import { RequireLogin } from './require-login';

/** The model card of one of her programmes' success model: /programmes/<id>/model. */
export function ModelRoute() {
  return (
    <RequireLogin>
      <CoordinatedProgramme>
        {(current) => <ModelCardPage key={current.programme} programmeId={current.programme} programmeName={current.programme_name} />}
      </CoordinatedProgramme>
    </RequireLogin>
  );
}
