import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export type Decision = 'dismiss' | 'end-match' | 'suspend';

export function useDecideReport(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ reportId, decision, note }: { reportId: string; decision: Decision; note: string }) => {
      const options = { params: { path: { report_id: reportId } }, body: { note } };
      if (decision === 'dismiss') return unwrap(await api.POST('/api/v1/safety/reports/{report_id}/dismiss/', options));
      if (decision === 'end-match') return unwrap(await api.POST('/api/v1/safety/reports/{report_id}/end-match/', options));
      return unwrap(await api.POST('/api/v1/safety/reports/{report_id}/suspend/', options));
    },
    // The report list and the programme's matches change together.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
