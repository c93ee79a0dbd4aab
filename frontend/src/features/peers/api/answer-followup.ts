import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { myGroupsQueryKey } from './get-my-groups';
import type { FollowUpInput } from './types';

/** "Did your group meet?" and how it was. */
export function useAnswerFollowUp(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: FollowUpInput) =>
      unwrap(await api.POST('/api/v1/groups/{group_id}/followup/', { params: { path: { group_id: groupId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myGroupsQueryKey }),
  });
}
