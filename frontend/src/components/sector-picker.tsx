// The job families a person knows or wants, in everyday words: a search box that finds a family by any of its
// words in her language (or the English ones many trades use), ignoring case and accents (and Arabic vowel
// marks), and the families as large chips in her language's alphabetical order. Chosen ones always stay shown.
import { Chip, Group, Stack, Text, TextInput } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/query-state';
import { type JobFamily, useJobFamilies } from '@/lib/reference';

/** ``text`` folded for searching: decomposed, marks (accents, harakat) dropped, lower case in ``language``. */
export function fold(text: string, language: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(language).trim();
}

export function familiesMatching(families: readonly JobFamily[], query: string, language: string): JobFamily[] {
  const needle = fold(query, language);
  if (!needle) return [...families];
  return families.filter((family) => [family.label, ...family.keywords].some((word) => fold(word, language).includes(needle)));
}

export function SectorPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const families = useJobFamilies();
  const [query, setQuery] = useState('');
  const id = useId();
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(language);
    return [...(families.data ?? [])].sort((a, b) => collator.compare(a.label, b.label));
  }, [families.data, language]);
  const found = new Set(familiesMatching(sorted, query, language).map((family) => family.code));
  const shown = sorted.filter((family) => found.has(family.code) || value.includes(family.code));
  return (
    <Stack gap={4} role="group" aria-labelledby={id} aria-describedby={error ? `${id}-error` : undefined}>
      <Text id={id} fw={500} size="sm">
        {label}
      </Text>
      <TextInput
        type="search"
        aria-label={t('sectorPicker.search')}
        placeholder={t('sectorPicker.placeholder')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      {families.isPending && <Loading />}
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap="xs">
          {shown.map((family) => (
            <Chip key={family.code} value={family.code} size="md">
              {family.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {query && found.size === 0 && (
        <Text size="sm" role="status">
          {t('sectorPicker.none', { query })}
        </Text>
      )}
      {error && (
        <Text id={`${id}-error`} c="red.8" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
