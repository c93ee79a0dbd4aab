import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { myMatchesQueryKey } from './get-my-matches';

export function useAcceptMatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (matchId: string) =>
      unwrap(await api.POST('/api/v1/matches/{match_id}/accept/', { params: { path: { match_id: matchId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myMatchesQueryKey }),
  });
}
