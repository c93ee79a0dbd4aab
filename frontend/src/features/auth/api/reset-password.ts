import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '@/lib/auth';
import { authError, authRequest } from './allauth';

/** Sets the new password with the emailed key. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, password }: { key: string; password: string }) => {
      const response = await authRequest('/password/reset', { method: 'POST', body: { key, password } });
      // The reset does not log her in (ACCOUNT_LOGIN_ON_PASSWORD_RESET = False): allauth then answers 401.
      if (!response.ok && response.status !== 401) throw await authError(response);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
