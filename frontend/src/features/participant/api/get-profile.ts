import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export const profileQueryKey = (profileId: string) => ['profiles', profileId] as const;

export function useProfile(profileId: string) {
  return useQuery({
    queryKey: profileQueryKey(profileId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/profiles/{profile_id}/', { params: { path: { profile_id: profileId } } })),
  });
}
