// One programme as anyone may read it (whether sign-up is open, its consent text and version): used by the
// public sign-up and by a coordinator's assisted sign-up, so it lives here rather than in either feature.
import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function useProgramme(programmeId: string) {
  return useQuery({
    queryKey: ['programmes', programmeId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/', { params: { path: { programme_id: programmeId } } })),
  });
}
