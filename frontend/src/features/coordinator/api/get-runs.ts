import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const runsQueryKey = (programmeId: string) => ['programmes', programmeId, 'runs'] as const;

export function useRuns(programmeId: string) {
  return useQuery({
    queryKey: runsQueryKey(programmeId),
    queryFn: async () =>
      asList(unwrap(await api.GET('/api/v1/programmes/{programme_id}/runs/', { params: { path: { programme_id: programmeId } } }))),
  });
}
