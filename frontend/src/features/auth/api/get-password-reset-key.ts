import { useQuery } from '@tanstack/react-query';
import { authError, authRequest } from './allauth';

/** Checks the key of an emailed reset link before she types a new password (a bad key throws a 400 on "key"). */
export function usePasswordResetKey(key: string) {
  return useQuery({
    queryKey: ['auth', 'password-reset-key', key],
    queryFn: async () => {
      const response = await authRequest('/password/reset', { headers: { 'X-Password-Reset-Key': key } });
      if (!response.ok) throw await authError(response);
      return true;
    },
    staleTime: Infinity,
  });
}
