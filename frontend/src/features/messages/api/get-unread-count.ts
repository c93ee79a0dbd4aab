import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { messagesUnreadQueryKey, POLL_MS } from './keys';

/** Unread messages in all her conversations, for the header; asked again every 30 seconds while the tab is visible. */
export function useMessagesUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: messagesUnreadQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/conversations/unread-count/')).unread,
    enabled,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}
