import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** The engine's score and reasons for one pair, before a coordinator pairs them by hand. */
export function useExplainPair(programmeId: string, mentee: string | null, mentor: string | null) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'explain', mentee, mentor],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/programmes/{programme_id}/explain/', {
          params: { path: { programme_id: programmeId }, query: { mentee: mentee ?? '', mentor: mentor ?? '' } },
        }),
      ),
    enabled: Boolean(mentee && mentor),
  });
}
