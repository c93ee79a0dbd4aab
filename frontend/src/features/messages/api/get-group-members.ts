import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { messagesQueryKey } from './keys';

/**
 * The other members of one of her peer groups (profile id and name): a report in a group names the member, and a
 * message carries only its sender's first name. Asked only when she opens a report.
 */
export function useGroupMembers(groupId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...messagesQueryKey, 'group-members', groupId],
    queryFn: async () => {
      const group = unwrap(await api.GET('/api/v1/groups/{group_id}/', { params: { path: { group_id: groupId } } }));
      return group.members.filter((member) => !member.is_me).map((member) => ({ profile: member.profile, name: member.name }));
    },
    enabled,
  });
}
