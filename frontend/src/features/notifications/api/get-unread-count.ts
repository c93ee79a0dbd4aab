import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { notificationsQueryKey } from './get-notifications';

/** How many notices she has not read yet; checked again every minute while the page is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'unread'],
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/unread-count/')).unread,
    enabled,
    refetchInterval: 60_000,
  });
}
