import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** One programme's public description (name, sign-up state, consent text). */
export function useNetworkProgramme(programmeId: string) {
  return useQuery({
    queryKey: ['peers', 'programmes', programmeId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/', { params: { path: { programme_id: programmeId } } })),
  });
}
