import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { asList, unwrap } from '@/api/errors';

export const notificationsQueryKey = ['notifications'] as const;

/** The latest notices, worded by the server in the UI language (so the key carries the language). */
export function useNotifications() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...notificationsQueryKey, 'list', i18n.language],
    queryFn: async () => asList(unwrap(await api.GET('/api/v1/notifications/', { params: { query: { page_size: 50 } } }))),
  });
}
