import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const healthQueryKey = (programmeId: string) => ['programmes', programmeId, 'health'] as const;

export function useHealth(programmeId: string) {
  return useQuery({
    queryKey: healthQueryKey(programmeId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}/health/', { params: { path: { programme_id: programmeId } } })),
  });
}
