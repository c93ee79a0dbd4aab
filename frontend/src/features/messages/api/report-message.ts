import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { messagesQueryKey } from './keys';

export type MessageReport = components['schemas']['ReportCreateInputRequest'];

/**
 * Report the other side of a match, or a group member, with the messages she chose attached (the safety report
 * endpoint); with block, messages stop both ways, so the conversations are asked again.
 */
export function useReportMessages() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MessageReport) => unwrap(await api.POST('/api/v1/safety/reports/', { body })),
    onSuccess: (_receipt, body) => {
      if (body.block) void queryClient.invalidateQueries({ queryKey: messagesQueryKey });
    },
  });
}
