import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const runQueryKey = (runId: string) => ['runs', runId] as const;
const FINISHED = new Set(['done', 'failed']);

/** The run, polled every second until it is done or failed. */
export function useRun(runId: string | undefined) {
  return useQuery({
    queryKey: runQueryKey(runId ?? ''),
    queryFn: async () => unwrap(await api.GET('/api/v1/runs/{run_id}/', { params: { path: { run_id: runId ?? '' } } })),
    enabled: Boolean(runId),
    refetchInterval: (query) => (FINISHED.has(query.state.data?.status ?? '') ? false : 1000),
  });
}
