import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, sessionQueryKey } from '@/lib/auth';
import { authError, authRequest } from './allauth';

/** Confirms an email address with the key of the emailed link. */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (key: string) => {
      const response = await authRequest('/email/verify', { method: 'POST', body: { key } });
      // Confirmed; allauth answers 401 when the link is opened without being logged in.
      if (!response.ok && response.status !== 401) throw await authError(response);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
