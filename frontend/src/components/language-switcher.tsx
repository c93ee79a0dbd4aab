// Always visible; remembers the choice (localStorage via the detector) and saves it to the account when logged in.
import { NativeSelect } from '@mantine/core';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { LANGUAGE_NAMES, type UiLanguage, UI_LANGUAGES } from '@/i18n/languages';
import { PSEUDO, PSEUDO_LANGUAGE } from '@/i18n/pseudo';
import { sessionQueryKey, type SessionUser } from '@/lib/auth';

/** Everything the API said in the old language is asked again in the new one. A first request still in flight
 * was sent in the old language, and refetching would only join it: it is cancelled first, so it is sent again. */
export async function refetchInLanguage(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries();
  await queryClient.invalidateQueries();
}

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const current = (i18n.resolvedLanguage ?? 'en') as UiLanguage;

  async function change(language: UiLanguage) {
    await i18n.changeLanguage(language);
    const user = queryClient.getQueryData<SessionUser | null>(sessionQueryKey);
    if (user) {
      await api.PATCH('/api/v1/me/', { body: { preferred_language: language } });
    }
    // Reference lists, programme and consent texts and messages come from the API in the language asked.
    await refetchInLanguage(queryClient);
  }

  return (
    <NativeSelect
      label={t('common.language')}
      value={current}
      onChange={(event) => void change(event.currentTarget.value as UiLanguage)}
      data={PSEUDO ? [{ value: PSEUDO_LANGUAGE, label: PSEUDO_LANGUAGE }] : UI_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
      size="sm"
      w={150}
      styles={{ label: { fontSize: 'var(--mantine-font-size-xs)' } }}
    />
  );
}
