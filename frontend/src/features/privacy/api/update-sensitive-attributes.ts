import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';
import { sensitiveQueryKey } from './get-sensitive-attributes';

export type SensitiveCode = components['schemas']['SensitiveAttributesInputRequest']['sensitive_attributes'][number];

export function useUpdateSensitiveAttributes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (codes: SensitiveCode[]) =>
      unwrap(await api.PUT('/api/v1/me/sensitive-attributes/', { body: { sensitive_attributes: codes } })),
    onSuccess: (data) => queryClient.setQueryData(sensitiveQueryKey, data),
  });
}
