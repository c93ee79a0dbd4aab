import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** The programme itself: whether sign-up is open, and the consent text and version she agrees to. */
export function useProgramme(programmeId: string) {
  return useQuery({
    queryKey: ['programmes', programmeId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/', { params: { path: { programme_id: programmeId } } })),
  });
}
