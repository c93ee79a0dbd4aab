import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function useBulkApprove(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/matches/bulk-approve/', {
          params: { path: { programme_id: programmeId } },
          body: { ids },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
