// A programme's own text as the API gives it: the words and the language they are in. Where that is not her
// interface language (nobody wrote it in hers yet), the words keep their own lang and dir, so screen readers
// pronounce them right and right-to-left layout does not scramble them, and a short line in her language says
// that this is not yet translated.
import { Box, Text, type TextProps, Title, type TitleProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { directionOf } from '@/i18n/languages';
import { languageName } from '@/lib/format';

/** ``text`` isolated from the sentence around it (Unicode first-strong isolate): a name in one direction inside a
 * sentence in the other keeps its words and its punctuation in place. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The lang and dir of a text in ``language`` (unknown: let the browser decide from the words). */
export function localAttributes(language: string): { lang?: string; dir: 'rtl' | 'ltr' | 'auto' } {
  return language ? { lang: language, dir: directionOf(language) } : { dir: 'auto' };
}

/** "Not yet translated; shown in English." in her language, where ``language`` is not hers (else nothing). */
export function FallbackMarker({ language }: { language: string }) {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? 'en';
  if (!language || language === current) return null;
  return (
    <Text size="xs" fs="italic" data-fallback-marker>
      {t('programmeTexts.fallback', { language: languageName(language, current) })}
    </Text>
  );
}

/** A programme's name as a heading: in its own lang and dir, with the marker under it where it is a fallback. */
export function LocalTitle({ text, language, ...props }: { text: string; language: string } & TitleProps) {
  return (
    <div>
      <Title {...props} {...localAttributes(language)}>
        {text}
      </Title>
      <FallbackMarker language={language} />
    </div>
  );
}

export function LocalText({
  text,
  language,
  component = 'p',
  ...props
}: { text: string; language: string; component?: 'p' | 'div' | 'span' } & TextProps) {
  if (!text) return null;
  return (
    <Box>
      <Text component={component} style={{ whiteSpace: 'pre-line' }} {...props} {...localAttributes(language)}>
        {text}
      </Text>
      <FallbackMarker language={language} />
    </Box>
  );
}
