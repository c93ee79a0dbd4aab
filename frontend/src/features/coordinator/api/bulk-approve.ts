import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/**
 * What a bulk action acts on: the ids she ticked, or every proposal of the programme (on all pages) with the
 * number she saw in the list; the server then does nothing (409) if that is no longer how many there are.
 */
/** The most proposals one "approve (or reject) all by this filter" acts on: the API's own bound
 * (mentoring.serializers.BULK_BY_FILTER_MAX, the schema's maximum of expected_count). */
export const BULK_BY_FILTER_MAX = 1000;

export type BulkTarget = { ids: string[] } | { allProposals: number };

export function bulkBody(target: BulkTarget) {
  return 'ids' in target ? { ids: target.ids } : { filter: {}, expected_count: target.allProposals };
}

export function useBulkApprove(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (target: BulkTarget) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/matches/bulk-approve/', {
          params: { path: { programme_id: programmeId } },
          body: bulkBody(target),
        }),
      ),
    // Also after a refusal: a 409 means the list changed, so show her the list as it is now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
