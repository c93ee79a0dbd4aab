// The coordinators' editor of the programme's own texts: each text in every interface language side by side,
// with a "Missing in Arabic" marker on each language that has none, so a translation gap is seen before a
// woman meets it. The consent addition shows its version: a change is a new consent wording.
import { Alert, Badge, Button, Fieldset, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { QueryState } from '@/components/query-state';
import { directionOf } from '@/i18n/languages';
import { languageName } from '@/lib/format';
import { type ProgrammeTexts, type TextChanges, type TextField, useProgrammeTexts, useUpdateProgrammeTexts } from '../api/programme-texts';

const FIELDS: TextField[] = ['name', 'description', 'welcome', 'consent_addition'];

export function ProgrammeTextsPanel({ programmeId }: { programmeId: string }) {
  const texts = useProgrammeTexts(programmeId);
  return <QueryState query={texts}>{(data) => <TextsForm key={data.consent_version} programmeId={programmeId} saved={data} />}</QueryState>;
}

function TextsForm({ programmeId, saved }: { programmeId: string; saved: ProgrammeTexts }) {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? 'en';
  const update = useUpdateProgrammeTexts(programmeId);
  const stored = Object.fromEntries(FIELDS.map((field) => [field, saved.texts[field] ?? {}])) as Record<TextField, Record<string, string>>;
  const [values, setValues] = useState(stored);
  const [done, setDone] = useState(false);
  const set = (field: TextField, language: string, text: string) => {
    setDone(false);
    setValues((before) => ({ ...before, [field]: { ...before[field], [language]: text } }));
  };
  const changes = (): TextChanges => {
    const result: TextChanges = {};
    for (const field of FIELDS) {
      const changed = saved.languages.filter((code) => (values[field][code] ?? '') !== (stored[field][code] ?? ''));
      if (changed.length) result[field] = Object.fromEntries(changed.map((code) => [code, values[field][code] ?? '']));
    }
    return result;
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate(changes(), { onSuccess: () => setDone(true) });
  };
  const missingIn = (field: TextField) => saved.missing[field] ?? [];
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t('programmeTexts.title')}
        </Title>
        <Text size="sm">{t('programmeTexts.intro')}</Text>
        {update.error && (
          <Alert color="red.9" role="alert">
            {update.error instanceof ApiError ? [...update.error.generalErrors, ...Object.values(update.error.fieldErrors)].join(' ') : t('common.error')}
          </Alert>
        )}
        {FIELDS.map((field) => {
          const missing = missingIn(field);
          const long = field !== 'name';
          return (
            <Fieldset key={field} legend={t(`programmeTexts.fields.${field}.label`)}>
              <Stack gap="xs">
                <Text size="sm">
                  {t(`programmeTexts.fields.${field}.hint`)}
                </Text>
                {field === 'consent_addition' && (
                  <Text size="sm">{t('programmeTexts.consentVersion', { version: saved.consent_version })}</Text>
                )}
                <Group gap="xs" aria-live="polite">
                  {saved.missing[field] === undefined ? null : missing.length === 0 ? (
                    <Badge color="green.9" variant="light">
                      {t('programmeTexts.complete')}
                    </Badge>
                  ) : (
                    missing.map((code) => (
                      <Badge key={code} color="yellow.9" variant="light" data-missing={`${field}-${code}`}>
                        {t('programmeTexts.missing', { language: languageName(code, current) })}
                      </Badge>
                    ))
                  )}
                </Group>
                {saved.languages.map((code) => {
                  const props = {
                    label: languageName(code, current),
                    value: values[field][code] ?? '',
                    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(field, code, event.currentTarget.value),
                    lang: code,
                    dir: directionOf(code),
                    name: `${field}.${code}`,
                  };
                  return long ? <Textarea key={code} autosize minRows={2} maxRows={10} {...props} /> : <TextInput key={code} {...props} />;
                })}
              </Stack>
            </Fieldset>
          );
        })}
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('programmeTexts.save')}
          </Button>
          {done && (
            <Text role="status" aria-live="polite">
              {t('programmeTexts.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
