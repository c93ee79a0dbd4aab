import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export function useVerifyProfile(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (profileId: string) =>
      unwrap(await api.POST('/api/v1/profiles/{profile_id}/verify/', { params: { path: { profile_id: profileId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
