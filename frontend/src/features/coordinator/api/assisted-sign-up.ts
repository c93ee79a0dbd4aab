import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type AssistedSignUpInput = components['schemas']['AssistedSignUpInputRequest'];
export type ConsentMethod = components['schemas']['AssistedConsentInputMethodEnum'];

/** A coordinator registers a mentee who has no email or needs help, recording how she consented. */
export function useAssistedSignUp(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AssistedSignUpInput) =>
      unwrap(
        await api.POST('/api/v1/programmes/{programme_id}/assisted-signups/', {
          params: { path: { programme_id: programmeId } },
          body,
        }),
      ),
    // She is now among the programme's participants (waiting lists, pickers, health figures).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['programmes', programmeId] }),
  });
}
