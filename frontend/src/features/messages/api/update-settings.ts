import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { messagingSettingsQueryKey } from './keys';

export type MessagingSettingsChange = components['schemas']['PatchedMessagingSettingsRequest'];

export function useUpdateMessagingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MessagingSettingsChange) => unwrap(await api.PATCH('/api/v1/conversations/settings/', { body })),
    onSuccess: (settings) => queryClient.setQueryData(messagingSettingsQueryKey, settings),
  });
}
