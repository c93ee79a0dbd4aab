import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const roundQueryKey = (roundId: string) => ['peers', 'rounds', roundId] as const;

/** One round; polled every second while its groups are being formed. */
export function useRound(roundId: string | undefined) {
  return useQuery({
    queryKey: roundQueryKey(roundId ?? ''),
    queryFn: async () => unwrap(await api.GET('/api/v1/rounds/{round_id}/', { params: { path: { round_id: roundId ?? '' } } })),
    enabled: Boolean(roundId),
    refetchInterval: (query) => (query.state.data?.status === 'forming' ? 1000 : false),
  });
}
