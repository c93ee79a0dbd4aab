import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { conversationsQueryKey, POLL_MS } from './keys';

/**
 * Her conversations, the most recent first, with unread counts; asked again every 30 seconds while the tab is
 * visible. The API client sends the tag of the answer it holds as If-None-Match (api/revalidate.ts: the API's
 * answers are no-store, so the browser keeps none), so an idle tab costs a 304. Without poll (a conversation's page
 * only needs its title), it is asked once.
 */
export function useConversations({ poll = true }: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: conversationsQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/conversations/')),
    refetchInterval: poll ? POLL_MS : false,
    refetchIntervalInBackground: false,
  });
}
