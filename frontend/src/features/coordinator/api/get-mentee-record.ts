import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** A participant's full profile; a coordinator's read of it is written to the audit trail by the server. */
export function useParticipantProfile(profileId: string) {
  return useQuery({
    queryKey: ['profiles', profileId],
    queryFn: async () => unwrap(await api.GET('/api/v1/profiles/{profile_id}/', { params: { path: { profile_id: profileId } } })),
  });
}

/** The best mentors for her now, with the engine's explanation (no full run needed). */
export function useRecommendations(profileId: string) {
  return useQuery({
    queryKey: ['profiles', profileId, 'recommendations'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/profiles/{profile_id}/recommendations/', {
          params: { path: { profile_id: profileId }, query: { k: 5 } },
        }),
      ),
  });
}
