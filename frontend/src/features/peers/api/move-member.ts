import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError } from '@/api/errors';
import { roundQueryKey } from './get-round';
import { roundGroupsQueryKey } from './get-round-groups';
import type { PeerReason } from './types';

export type MoveInput = { worker: string; to_group: number; force?: boolean };

/** A move the API refused (409) because it breaks rules; sent again with force it goes through. */
export class MoveBreaksRules extends ApiError {
  readonly brokenRules: PeerReason[];

  constructor(body: unknown) {
    super(409, body);
    this.brokenRules = ((body as { broken_rules?: PeerReason[] } | undefined)?.broken_rules ?? []).slice();
  }
}

export function useMoveMember(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MoveInput) => {
      const { data, error, response } = await api.POST('/api/v1/rounds/{round_id}/moves/', {
        params: { path: { round_id: roundId } },
        body: { force: false, ...body },
      });
      if (response.status === 409 && (error as { broken_rules?: unknown } | undefined)?.broken_rules) throw new MoveBreaksRules(error);
      if (!response.ok || !data) throw new ApiError(response.status, error);
      return data;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: roundGroupsQueryKey(roundId) });
      void queryClient.invalidateQueries({ queryKey: roundQueryKey(roundId), exact: true });
    },
  });
}
