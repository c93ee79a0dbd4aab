import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const optInsQueryKey = (roundId: string) => ['peers', 'rounds', roundId, 'opt-ins'] as const;

/** How many members take part, in all and per city (coordinators). */
export function useOptIns(roundId: string) {
  return useQuery({
    queryKey: optInsQueryKey(roundId),
    queryFn: async () => unwrap(await api.GET('/api/v1/rounds/{round_id}/opt-ins/', { params: { path: { round_id: roundId } } })),
  });
}
