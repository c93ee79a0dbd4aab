import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** After a decline or expiry: offer her the next-best mentor the run kept who still fits. */
export function useRolloverMatch(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (matchId: string) =>
      unwrap(await api.POST('/api/v1/matches/{match_id}/rollover/', { params: { path: { match_id: matchId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
