import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Who has been grouped with whom across published rounds (coordinators). */
export function useNetwork(programmeId: string) {
  return useQuery({
    queryKey: ['peers', 'programmes', programmeId, 'network'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/network/', { params: { path: { programme_id: programmeId } } })),
  });
}
