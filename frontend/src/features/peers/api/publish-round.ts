import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function usePublishRound(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/rounds/{round_id}/publish/', { params: { path: { round_id: roundId } } })),
    // Publishing changes the round, its groups' reasons, the rounds list and the network.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['peers'] }),
  });
}
