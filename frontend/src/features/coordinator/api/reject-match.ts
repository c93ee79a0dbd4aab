import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function useRejectMatch(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ matchId, reason }: { matchId: string; reason: string }) =>
      unwrap(
        await api.POST('/api/v1/matches/{match_id}/reject/', { params: { path: { match_id: matchId } }, body: { reason } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
