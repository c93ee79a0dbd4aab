import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { ConversationKind } from '../kinds';
import { conversationsQueryKey, messagesUnreadQueryKey } from './keys';

async function markRead(kind: ConversationKind, id: string, upTo: string): Promise<void> {
  const body = { up_to: upTo };
  if (kind === 'match')
    unwrap(await api.POST('/api/v1/conversations/matches/{match_id}/read/', { params: { path: { match_id: id } }, body }));
  else unwrap(await api.POST('/api/v1/conversations/groups/{group_id}/read/', { params: { path: { group_id: id } }, body }));
}

/** She has seen the conversation up to a message: the unread counts (list, header) are asked again. */
export function useMarkConversationRead(kind: ConversationKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) => markRead(kind, id, upTo),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conversationsQueryKey });
      void queryClient.invalidateQueries({ queryKey: messagesUnreadQueryKey });
    },
  });
}
