import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const roundGroupsQueryKey = (roundId: string) => ['peers', 'rounds', roundId, 'groups'] as const;

/** The round's draft or published groups with their reasons (coordinators). */
export function useRoundGroups(roundId: string, enabled = true) {
  return useQuery({
    queryKey: roundGroupsQueryKey(roundId),
    queryFn: async () => unwrap(await api.GET('/api/v1/rounds/{round_id}/groups/', { params: { path: { round_id: roundId } } })),
    enabled,
  });
}
