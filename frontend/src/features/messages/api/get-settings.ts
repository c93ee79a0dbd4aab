import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { messagingSettingsQueryKey } from './keys';

/** When she is emailed about waiting messages, and whether others may see that she has read theirs. */
export function useMessagingSettings() {
  return useQuery({
    queryKey: messagingSettingsQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/conversations/settings/')),
  });
}
