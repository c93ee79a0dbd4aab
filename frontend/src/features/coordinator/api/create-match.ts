import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** A coordinator's own pairing: it becomes a proposal with the engine's score, to approve like any other. */
export function useCreateMatch(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ mentee, mentor }: { mentee: string; mentor: string }) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/matches/', {
          params: { path: { programme_id: programmeId } },
          body: { mentee, mentor },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
