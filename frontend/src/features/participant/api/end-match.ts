import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { myMatchesQueryKey } from './get-my-matches';

export function useEndMatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ matchId, reason, text }: { matchId: string; reason: string; text: string }) =>
      unwrap(
        await api.POST('/api/v1/matches/{match_id}/end/', { params: { path: { match_id: matchId } }, body: { reason, text } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myMatchesQueryKey }),
  });
}
