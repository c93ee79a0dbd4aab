// The consent text as the API gives it, marked with its own language (screen readers, bidi layout). Where it does
// not exist in her interface language, the page says so in her language and offers the languages it exists in.
import { Alert, Blockquote, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { refetchInLanguage } from '@/components/language-switcher';
import { languageName } from '@/lib/format';
import { directionOf, LANGUAGE_NAMES, type UiLanguage, UI_LANGUAGES } from '@/i18n/languages';

export function ConsentText({ text, language, languages }: { text: string; language: string; languages: string[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const current = i18n.resolvedLanguage ?? 'en';
  const offered = languages.filter((code): code is UiLanguage => (UI_LANGUAGES as readonly string[]).includes(code));
  const missing = language !== current;
  return (
    <Stack gap="xs">
      {missing && (
        <Alert color="yellow.9" role="status">
          <Stack gap="xs">
            <Text size="sm">{t('signup.consentMissing', { missing: languageName(current, current), shown: languageName(language, current) })}</Text>
            {offered.length > 0 && (
              <Group gap="xs">
                {offered.map((code) => (
                  <Button
                    key={code}
                    size="xs"
                    variant="outline"
                    lang={code}
                    onClick={() => void i18n.changeLanguage(code).then(() => refetchInLanguage(queryClient))}
                  >
                    {LANGUAGE_NAMES[code]}
                  </Button>
                ))}
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      <Blockquote p="md" lang={language} dir={directionOf(language)}>
        {text}
      </Blockquote>
    </Stack>
  );
}
