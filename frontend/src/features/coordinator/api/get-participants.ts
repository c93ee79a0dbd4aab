import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

/** A programme's participants of one role whose name or email contains the search (for the pickers). */
export function useParticipants(programmeId: string, role: 'mentee' | 'mentor' | 'employer', search: string, enabled = true) {
  return useQuery({
    queryKey: ['programmes', programmeId, 'participants', role, search],
    queryFn: async () =>
      asList(
        unwrap(
          await api.GET('/api/v1/programmes/{programme_id}/participants/', {
            params: { path: { programme_id: programmeId }, query: { role, search: search || undefined, page_size: 30 } },
          }),
        ),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}
