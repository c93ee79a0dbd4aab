import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { bulkBody, type BulkTarget } from './bulk-approve';

/** Reject the selected proposals (or all of them) with one reason; each id's result says whether it was rejected, and why not. */
export function useBulkReject(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ target, reason }: { target: BulkTarget; reason: string }) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/matches/bulk-reject/', {
          params: { path: { programme_id: programmeId } },
          body: { ...bulkBody(target), reason },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
