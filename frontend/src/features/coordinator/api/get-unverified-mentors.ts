import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const unverifiedMentorsQueryKey = (programmeId: string) => ['programmes', programmeId, 'mentors', 'unverified'] as const;

export function useUnverifiedMentors(programmeId: string) {
  return useQuery({
    queryKey: unverifiedMentorsQueryKey(programmeId),
    queryFn: async () =>
      asList(
        unwrap(
          await api.GET('/api/v1/programmes/{programme_id}/participants/', {
            params: { path: { programme_id: programmeId }, query: { role: 'mentor', verified: false } },
          }),
        ),
      ),
  });
}
