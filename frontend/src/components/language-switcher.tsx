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
      // No visible label (the header is one row on a phone): the globe says what it is, and the accessible name and
      // the tooltip say it in words. Each language is named in itself, so she finds hers whatever the page's language.
      aria-label={t('common.language')}
      title={t('common.language')}
      leftSection={<GlobeIcon />}
      leftSectionPointerEvents="none"
      className="app-language"
      value={current}
      onChange={(event) => void change(event.currentTarget.value as UiLanguage)}
      data={PSEUDO ? [{ value: PSEUDO_LANGUAGE, label: PSEUDO_LANGUAGE }] : UI_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
      size="sm"
    />
  );
}

function GlobeIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
    </svg>
  );
}
