import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export function useAudit(programmeId: string, action = '') {
  return useQuery({
    queryKey: ['programmes', programmeId, 'audit', action],
    queryFn: async () =>
      asList(
        unwrap(
          await api.GET('/api/v1/programmes/{programme_id}/audit/', {
            params: { path: { programme_id: programmeId }, query: { action: action || undefined } },
          }),
        ),
      ),
  });
}
