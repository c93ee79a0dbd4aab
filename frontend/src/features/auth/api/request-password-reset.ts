import { useMutation } from '@tanstack/react-query';
import { authError, authRequest } from './allauth';

/** Asks for a reset link; allauth answers the same whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) => {
      const response = await authRequest('/password/request', { method: 'POST', body: { email } });
      if (!response.ok) throw await authError(response);
    },
  });
}
