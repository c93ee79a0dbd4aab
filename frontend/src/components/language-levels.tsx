// The languages someone speaks, each with a CEFR level in plain words; used by sign-up and profile editing.
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/query-state';
import { useLanguages } from '@/lib/reference';

export type LanguageLevel = { code: string; level: string };
export const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

export function LanguageLevels({
  value,
  onChange,
  errors = {},
  error,
}: {
  value: LanguageLevel[];
  onChange: (next: LanguageLevel[]) => void;
  /** Errors keyed "<index>.code" / "<index>.level". */
  errors?: Record<string, string | undefined>;
  error?: string;
}) {
  const { t } = useTranslation();
  const languages = useLanguages();
  const set = (index: number, patch: Partial<LanguageLevel>) =>
    onChange(value.map((item, position) => (position === index ? { ...item, ...patch } : item)));
  return (
    <Stack gap="xs">
      {languages.isPending && <Loading />}
      {value.map((item, position) => (
        <Group key={position} align="end" wrap="wrap" gap="xs">
          {/* The phone's own picker (no pop-up list to download and drive): typing a letter jumps there on a desktop. */}
          <NativeSelect
            label={t('signup.language')}
            required
            data={[{ value: '', label: '—' }, ...(languages.data ?? []).map((l) => ({ value: l.code, label: l.label }))]}
            style={{ flex: '1 1 12rem' }}
            value={item.code}
            onChange={(event) => set(position, { code: event.currentTarget.value })}
            error={errors[`${position}.code`]}
          />
          <NativeSelect
            label={t('signup.level')}
            required
            data={[{ value: '', label: '—' }, ...LEVELS.map((level) => ({ value: level, label: t(`signup.levels.${level}`) }))]}
            style={{ flex: '1 1 12rem' }}
            value={item.level}
            onChange={(event) => set(position, { level: event.currentTarget.value })}
            error={errors[`${position}.level`]}
          />
          {value.length > 1 && (
            <Button variant="outline" color="red.9" onClick={() => onChange(value.filter((_, index) => index !== position))}>
              {t('signup.removeLanguage')}
            </Button>
          )}
        </Group>
      ))}
      {error && (
        <Text c="red.8" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Button variant="outline" w="fit-content" onClick={() => onChange([...value, { code: '', level: '' }])}>
        {t('signup.addLanguage')}
      </Button>
    </Stack>
  );
}
