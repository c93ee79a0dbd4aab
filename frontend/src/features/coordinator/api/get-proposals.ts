import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const proposalsQueryKey = (programmeId: string) => ['programmes', programmeId, 'matches', 'proposed'] as const;

export function useProposals(programmeId: string) {
  return useQuery({
    queryKey: proposalsQueryKey(programmeId),
    queryFn: async () => {
      // page_size is the API's pagination parameter (not in the schema): one page of up to 200 proposals.
      const query = { state: 'proposed', page_size: 200 };
      const data = unwrap(
        await api.GET('/api/v1/programmes/{programme_id}/matches/', { params: { path: { programme_id: programmeId }, query } }),
      );
      return asList(data).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    },
  });
}
