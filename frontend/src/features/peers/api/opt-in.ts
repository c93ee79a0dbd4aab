import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** She takes part in the round after all. */
export function useOptIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (roundId: string) =>
      unwrap(await api.POST('/api/v1/rounds/{round_id}/opt-in/', { params: { path: { round_id: roundId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['peers'] }),
  });
}
