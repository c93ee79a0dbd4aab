import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { roundQueryKey } from './get-round';

/** Start forming the round's groups in the background; the round then reports its progress. */
export function useFormGroups(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/rounds/{round_id}/form/', { params: { path: { round_id: roundId } } })),
    onSuccess: (round) => queryClient.setQueryData(roundQueryKey(round.id), round),
  });
}
