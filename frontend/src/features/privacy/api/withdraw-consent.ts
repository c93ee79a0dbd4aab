import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ConsentWithdraw = components['schemas']['ConsentWithdrawInputRequest'];

export function useWithdrawConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ConsentWithdraw) => unwrap(await api.POST('/api/v1/me/consents/withdraw/', { body })),
    // Withdrawing can end offers and hide contacts: everything she sees may have changed.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
