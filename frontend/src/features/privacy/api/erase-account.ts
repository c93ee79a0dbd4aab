import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Deletes her account; the server logs her out, so everything cached about her is dropped. */
export function useEraseAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/erase/', { body: { confirm: 'DELETE' } })),
    onSuccess: () => queryClient.clear(),
  });
}
