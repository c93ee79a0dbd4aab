import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Reject the selected proposals with one reason; each id's result says whether it was rejected, and why not. */
export function useBulkReject(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, reason }: { ids: string[]; reason: string }) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/matches/bulk-reject/', {
          params: { path: { programme_id: programmeId } },
          body: { ids, reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
