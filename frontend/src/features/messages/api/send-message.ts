import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { ConversationKind, Message } from '../kinds';
import type { MessagePages } from './get-messages';
import { conversationQueryKey, conversationsQueryKey } from './keys';

async function send(kind: ConversationKind, id: string, text: string): Promise<Message> {
  const body = { text };
  if (kind === 'match')
    return unwrap(await api.POST('/api/v1/conversations/matches/{match_id}/messages/', { params: { path: { match_id: id } }, body }));
  return unwrap(await api.POST('/api/v1/conversations/groups/{group_id}/messages/', { params: { path: { group_id: id } }, body }));
}

/** Send a message; it shows at once (added to the newest page), then the conversation and the list are asked again. */
export function useSendMessage(kind: ConversationKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => send(kind, id, text),
    onSuccess: (message) => {
      queryClient.setQueryData<MessagePages>(conversationQueryKey(kind, id), (data) => {
        const [first, ...rest] = data?.pages ?? [];
        if (!data || !first || first.results.some((m) => m.id === message.id)) return data;
        return { ...data, pages: [{ ...first, results: [message, ...first.results] }, ...rest] };
      });
      void queryClient.invalidateQueries({ queryKey: conversationQueryKey(kind, id) });
      void queryClient.invalidateQueries({ queryKey: conversationsQueryKey });
    },
  });
}
