import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { apiLanguage } from '@/api/csrf';
import { unwrap } from '@/api/errors';
import type { components } from '@/api/schema';

export type ConsentStatus = components['schemas']['ConsentStatusOutput'];

export const consentsQueryKey = ['privacy', 'consents'] as const;

/** Her consents per programme and purpose, with the texts in the UI language (the key carries it). */
export function useMyConsents() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...consentsQueryKey, i18n.language],
    queryFn: async () => unwrap(await api.GET('/api/v1/me/consents/', { params: { query: { lang: apiLanguage() } } })),
  });
}
