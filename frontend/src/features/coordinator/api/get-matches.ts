import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';
import type { operations } from '@/api/schema';

/** A state the programme's list of matches can be filtered by (the API refuses any other). */
export type MatchStateFilter = NonNullable<NonNullable<operations['programme_matches_list']['parameters']['query']>['state']>;

/** The programme's matches in some states (or of one mentee), newest changes first. */
export function useProgrammeMatches(programmeId: string, filter: { states?: MatchStateFilter[]; mentee?: string }) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'matches', 'filtered', filter],
    queryFn: async () => {
      const states: (MatchStateFilter | undefined)[] = filter.states ?? [undefined];
      const pages = await Promise.all(
        states.map(async (state) =>
          asList(
            unwrap(
              await api.GET('/api/v1/programmes/{programme_id}/matches/', {
                params: {
                  path: { programme_id: programmeId },
                  query: { state, mentee: filter.mentee, page_size: 200 },
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
