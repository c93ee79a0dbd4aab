import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const safetyReportsKey = (programmeId: string, onlyOpen: boolean) =>
  ['programmes', programmeId, 'safety-reports', onlyOpen ? 'open' : 'all'] as const;

export function useSafetyReports(programmeId: string, onlyOpen: boolean) {
  return useQuery({
    queryKey: safetyReportsKey(programmeId, onlyOpen),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/programmes/{programme_id}/safety-reports/', {
          params: { path: { programme_id: programmeId }, query: { status: onlyOpen ? 'open' : undefined, page_size: 100 } },
        }),
      ),
  });
}
