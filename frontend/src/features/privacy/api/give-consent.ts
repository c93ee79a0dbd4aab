import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { consentsQueryKey } from './get-consents';

export type ConsentGive = components['schemas']['ConsentGiveInputRequest'];

export function useGiveConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ConsentGive) => unwrap(await api.POST('/api/v1/me/consents/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consentsQueryKey }),
  });
}
