import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { profileQueryKey } from './get-profile';

export type ProfileUpdate = components['schemas']['PatchedProfileInputRequest'];

export function useUpdateProfile(profileId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProfileUpdate) =>
      unwrap(await api.PATCH('/api/v1/profiles/{profile_id}/', { params: { path: { profile_id: profileId } }, body })),
    onSuccess: (profile) => queryClient.setQueryData(profileQueryKey(profileId), profile),
  });
}
