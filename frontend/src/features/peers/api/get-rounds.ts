import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const roundsQueryKey = (programmeId: string) => ['peers', 'programmes', programmeId, 'rounds'] as const;

/** The network's rounds, newest first; for a member each says whether she takes part. */
export function useRounds(programmeId: string) {
  return useQuery({
    queryKey: roundsQueryKey(programmeId),
    queryFn: async () => {
      // page_size is the API's pagination parameter (not in the schema): all rounds on one page.
      const query = { page_size: 100 };
      return asList(
        unwrap(await api.GET('/api/v1/programmes/{programme_id}/rounds/', { params: { path: { programme_id: programmeId }, query } })),
      );
    },
  });
}
