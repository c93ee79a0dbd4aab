import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

/** The programme's matches in some states (or of one mentee), newest changes first. */
export function useProgrammeMatches(programmeId: string, filter: { states?: string[]; mentee?: string }) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'matches', 'filtered', filter],
    queryFn: async () => {
      const states = filter.states ?? [''];
      const pages = await Promise.all(
        states.map(async (state) =>
          asList(
            unwrap(
              await api.GET('/api/v1/programmes/{programme_id}/matches/', {
                params: {
                  path: { programme_id: programmeId },
                  query: { state: state || undefined, mentee: filter.mentee, page_size: 200 } as { state?: string; mentee?: string },
                },
              }),
            ),
          ),
        ),
      );
      return pages.flat().sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    },
  });
}
