import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { runQueryKey } from './get-run';
import { runsQueryKey } from './get-runs';

export function useStartRun(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/runs/', {
          params: { path: { programme_id: programmeId } },
          body: { mode: 'optimal' },
        }),
      ),
    onSuccess: (run) => {
      queryClient.setQueryData(runQueryKey(run.id), run);
      void queryClient.invalidateQueries({ queryKey: runsQueryKey(programmeId) });
    },
  });
}
