import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type BlockInput = components['schemas']['BlockCreateInputRequest'];

export function useBlockPerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BlockInput) => unwrap(await api.POST('/api/v1/safety/blocks/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['safety', 'blocks'] }),
  });
}
