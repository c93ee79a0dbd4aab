import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { ConversationKind, MessagePage } from '../kinds';
import { conversationQueryKey, POLL_MS } from './keys';

export type MessagePages = InfiniteData<MessagePage, string | undefined>;

/** One page of a conversation: the newest 30 messages, or the 30 before a message. */
export async function fetchMessagePage(kind: ConversationKind, id: string, before?: string): Promise<MessagePage> {
  const query = before ? { before } : {};
  if (kind === 'match')
    return unwrap(
      await api.GET('/api/v1/conversations/matches/{match_id}/messages/', { params: { path: { match_id: id }, query } }),
    );
  return unwrap(await api.GET('/api/v1/conversations/groups/{group_id}/messages/', { params: { path: { group_id: id }, query } }));
}

/**
 * A conversation's messages, newest first, page by page ("load older" asks for the page before the oldest shown).
 * Polled every 30 seconds while the tab is visible; a refetch walks the pages again from the newest, so a new
 * message never leaves a gap.
 */
export function useMessages(kind: ConversationKind, id: string) {
  return useInfiniteQuery({
    queryKey: conversationQueryKey(kind, id),
    queryFn: ({ pageParam }) => fetchMessagePage(kind, id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => (page.has_more ? page.results.at(-1)?.id : undefined),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}
