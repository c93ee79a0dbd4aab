import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Follow-up answers of a published round: who answered, how many met, average rating (coordinators). */
export function useParticipation(roundId: string) {
  return useQuery({
    queryKey: ['peers', 'rounds', roundId, 'participation'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/rounds/{round_id}/participation/', { params: { path: { round_id: roundId } } })),
  });
}
