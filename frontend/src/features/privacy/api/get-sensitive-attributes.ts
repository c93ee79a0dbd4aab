import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type SensitiveAttributes = components['schemas']['SensitiveAttributesOutput'];

export const sensitiveQueryKey = ['privacy', 'sensitive-attributes'] as const;

/** Her sensitive answers; each read is logged by the server, so it is read only when the section is opened. */
export function useSensitiveAttributes(enabled: boolean) {
  return useQuery({
    queryKey: sensitiveQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/sensitive-attributes/')),
    enabled,
    staleTime: Infinity,
  });
}
