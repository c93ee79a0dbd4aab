import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { roundQueryKey } from './get-round';
import { roundsQueryKey } from './get-rounds';
import type { RoundOpenInput } from './types';

export function useOpenRound(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RoundOpenInput) =>
      unwrap(await api.POST('/api/v1/programmes/{programme_id}/rounds/', { params: { path: { programme_id: programmeId } }, body })),
    onSuccess: (round) => {
      queryClient.setQueryData(roundQueryKey(round.id), round);
      void queryClient.invalidateQueries({ queryKey: roundsQueryKey(programmeId) });
    },
  });
}
