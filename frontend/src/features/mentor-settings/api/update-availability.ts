import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { profileQueryKey } from './get-profile';

export function useUpdateAvailability(profileId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { available: boolean; capacity: number }) =>
      unwrap(
        await api.PATCH('/api/v1/profiles/{profile_id}/', { params: { path: { profile_id: profileId } }, body }),
      ),
    onSuccess: (profile) => queryClient.setQueryData(profileQueryKey(profileId), profile),
  });
}
