import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/errors';

/** Proposals listed per page; the server holds them all, best first, and says how many there are (`count`). */
export const PROPOSALS_PAGE_SIZE = 50;

export const proposalsQueryKey = (programmeId: string) => ['programmes', programmeId, 'matches', 'proposed'] as const;

async function fetchPage(programmeId: string, page: number) {
  const query = { state: 'proposed' as const, page, page_size: PROPOSALS_PAGE_SIZE };
  const data = unwrap(
    await api.GET('/api/v1/programmes/{programme_id}/matches/', { params: { path: { programme_id: programmeId }, query } }),
  );
  return { results: data.results, count: data.count, page };
}

/**
 * One page of the programme's proposals, best score first (the server's order), with the total. When the list
 * has shrunk below the page asked for (she approved the last page's pairs), the last page there is now.
 */
export function useProposals(programmeId: string, page: number) {
  return useQuery({
    queryKey: [...proposalsQueryKey(programmeId), { page }],
    queryFn: async () => {
      try {
        return await fetchPage(programmeId, page);
      } catch (error) {
        // The API answers 404 for a page past the end.
        if (!(error instanceof ApiError && error.status === 404 && page > 1)) throw error;
        const first = await fetchPage(programmeId, 1);
        const last = Math.max(1, Math.ceil(first.count / PROPOSALS_PAGE_SIZE));
        return last === 1 ? first : fetchPage(programmeId, last);
      }
    },
    // Keep the page on screen while the next one loads, so the pager does not jump.
    placeholderData: keepPreviousData,
  });
}
