import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Exchange the mentors of two proposals; the server re-scores both and refuses a swap that breaks a rule. */
export function useSwapMatches(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ first, second }: { first: string; second: string }) =>
      unwrap(await api.POST('/api/v1/matches/swap/', { body: { first, second } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
