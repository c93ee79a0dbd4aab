import { ProgrammeList } from '@/features/programmes/components/programme-list';

export function HomeRoute() {
  return <ProgrammeList />;
}
