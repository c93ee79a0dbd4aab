import { ProgrammeReport } from '@/features/reports/components/programme-report';
import { CoordinatedProgramme } from './coordinated-programme';
import { RequireLogin } from './require-login';

/** A coordinator's report for funders of one of her programmes (the server also lets site administrators in). */
export function ReportRoute() {
  return (
    <RequireLogin>
      <CoordinatedProgramme>
        {(current) => <ProgrammeReport key={current.programme} programmeId={current.programme} programmeName={current.programme_name} />}
      </CoordinatedProgramme>
    </RequireLogin>
  );
}
