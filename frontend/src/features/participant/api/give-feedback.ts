import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { myMatchesQueryKey } from './get-my-matches';

export type FeedbackInput = components['schemas']['FeedbackInputRequest'];

export function useGiveFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ matchId, ...body }: FeedbackInput & { matchId: string }) =>
      unwrap(await api.POST('/api/v1/matches/{match_id}/feedback/', { params: { path: { match_id: matchId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myMatchesQueryKey }),
  });
}
