// The coordinators' settings page: every setting of the programme in sections, each with one plain sentence of help,
// one Save for all with an "unsaved changes" mark, and the server's words next to the field they are about. For a
// mentoring programme, "Preview the effect" tries a change of the rules or weights on the last run's people first.
import { Alert, Badge, Button, Checkbox, Fieldset, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { QueryState } from '@/components/query-state';
import { formatNumber, formatPercent } from '@/lib/format';
import { useLanguages } from '@/lib/reference';
import { LearningSettingsSection } from '@/features/learning/components/learning-settings';
import {
  type ProgrammeSettings,
  type SettingsChanges,
  type WhatIf,
  type WhatIfChanges,
  usePreviewSettings,
  useProgrammeSettings,
  useUpdateProgrammeSettings,
} from '../api/programme-settings';

type Amount = number | string;

type Values = {
  languages: string[];
  signup_open: boolean;
  min_language_level: string;
  min_score: Amount;
  weights: Record<string, Amount>;
  offer_expiry_days: Amount;
  match_duration_days: Amount;
  group_min_size: Amount;
  group_max_size: Amount;
  retention_never: boolean;
  retention_inactive_days: Amount;
  retention_grace_days: Amount;
  message_retention_months: Amount;
};

const NUMBERS = [
  'offer_expiry_days',
  'match_duration_days',
  'group_min_size',
  'group_max_size',
  'retention_grace_days',
  'message_retention_months',
  'min_score',
] as const;

function valuesOf(saved: ProgrammeSettings): Values {
  return {
    languages: [...saved.languages],
    signup_open: saved.signup_open,
    min_language_level: saved.min_language_level,
    min_score: saved.min_score,
    weights: { ...saved.weights },
    offer_expiry_days: saved.offer_expiry_days,
    match_duration_days: saved.match_duration_days,
    group_min_size: saved.group_min_size ?? '',
    group_max_size: saved.group_max_size ?? '',
    retention_never: saved.retention_inactive_days === null,
    retention_inactive_days: saved.retention_inactive_days ?? 730,
    retention_grace_days: saved.retention_grace_days,
    message_retention_months: saved.message_retention_months,
  };
}

/** A number as typed: sent as a number when it is one, as typed otherwise (the server then says what is wrong). */
function amount(value: Amount): number {
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return (Number.isFinite(number) ? number : value) as number;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rules and weights that differ from the saved ones: what a preview tries and a save sends. */
function ruleChanges(values: Values, saved: Values): WhatIfChanges {
  const changes: WhatIfChanges = {};
  if (values.min_language_level !== saved.min_language_level) changes.min_language_level = values.min_language_level as WhatIfChanges['min_language_level'];
  if (!same(values.min_score, saved.min_score)) changes.min_score = amount(values.min_score);
  const weights = Object.fromEntries(
    Object.entries(values.weights)
      .filter(([part, weight]) => !same(weight, saved.weights[part]))
      .map(([part, weight]) => [part, amount(weight)]),
  );
  if (Object.keys(weights).length) changes.weights = weights;
  return changes;
}

function changesOf(values: Values, saved: Values, kind: ProgrammeSettings['kind']): SettingsChanges {
  const changes: SettingsChanges = kind === 'mentoring' ? ruleChanges(values, saved) : {};
  if (!same(values.languages, saved.languages)) changes.languages = values.languages;
  if (values.signup_open !== saved.signup_open) changes.signup_open = values.signup_open;
  for (const field of NUMBERS) {
    if (field === 'min_score') continue;
    if (!same(values[field], saved[field])) changes[field] = amount(values[field]);
  }
  const inactive = values.retention_never ? null : amount(values.retention_inactive_days);
  const savedInactive = saved.retention_never ? null : saved.retention_inactive_days;
  if (!same(inactive, savedInactive)) changes.retention_inactive_days = inactive;
  return changes;
}

/** The form field an error of the server is about ("weights.language" is the language weight's own input). */
function fieldFor(attr: string): string | null {
  if (attr === 'weights' || attr.startsWith('weights.')) return attr;
  if (attr === 'languages' || attr.startsWith('languages.')) return 'languages';
  const fields = ['signup_open', 'min_language_level', 'retention_inactive_days', ...NUMBERS] as string[];
  return fields.includes(attr) ? attr : null;
}

export function ProgrammeSettingsPanel({ programmeId }: { programmeId: string }) {
  const settings = useProgrammeSettings(programmeId);
  const [saved, setSaved] = useState(false);
  return (
    <QueryState query={settings}>
      {(data) => (
        <Stack gap="xl">
          <SettingsForm key={JSON.stringify(data)} programmeId={programmeId} saved={data} done={saved} setDone={setSaved} />
          {data.kind === 'mentoring' && <LearningSettingsSection programmeId={programmeId} saved={data} />}
        </Stack>
      )}
    </QueryState>
  );
}

function SettingsForm({
  programmeId,
  saved,
  done,
  setDone,
}: {
  programmeId: string;
  saved: ProgrammeSettings;
  done: boolean;
  setDone: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const languages = useLanguages();
  const update = useUpdateProgrammeSettings(programmeId);
  const preview = usePreviewSettings(programmeId);
  const initial = valuesOf(saved);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: initial });
  const mentoring = saved.kind === 'mentoring';
  const general = update.error instanceof ApiError ? mapApiErrors(update.error, fieldFor).general : [];
  const dirty = !same(changesOf(form.values, initial, saved.kind), {});
  // "Saved." stays until she changes something. Not on every change event: the form made anew from the saved
  // answer (its key) can report values that equal the saved ones, which used to take the message away at once.
  useEffect(() => {
    if (dirty) setDone(false);
  }, [dirty, setDone]);
  const rules = ruleChanges(form.values, initial);

  const submit = form.onSubmit((values) => {
    // The promise, not mutate's callbacks: a save reads the settings again, which makes this form anew (its key),
    // and TanStack Query drops the callbacks of a form that is gone, so "Saved." was sometimes never said.
    void update.mutateAsync(changesOf(values, initial, saved.kind)).then(
      () => setDone(true),
      (error: unknown) => {
        if (error instanceof ApiError) form.setErrors(mapApiErrors(error, fieldFor).fields);
      },
    );
  });
  const tryRules = () => {
    const body = ruleChanges(form.values, initial);
    setPreviewed(JSON.stringify(body));
    preview.mutate(body, {
      onError: (error) => {
        if (error instanceof ApiError) form.setErrors(mapApiErrors(error, fieldFor).fields);
      },
    });
  };
  const number = (field: (typeof NUMBERS)[number], props: { min: number; max: number; step?: number; decimalScale?: number }) => (
    <NumberInput
      label={t(`programmeSettings.fields.${field}.label`)}
      description={t(`programmeSettings.fields.${field}.help`)}
      clampBehavior="none"
      allowNegative={false}
      {...props}
      {...form.getInputProps(field)}
    />
  );
  const weightSum = Object.values(form.values.weights).reduce<number>((sum, weight) => sum + (Number(weight) > 0 ? Number(weight) : 0), 0);

  return (
    <form onSubmit={submit} noValidate data-testid="programme-settings">
      <Stack>
        <Title order={2} size="h3">
          {t('programmeSettings.title')}
        </Title>
        <Text size="sm">{t('programmeSettings.intro')}</Text>
        {(general.length > 0 || (update.error && !(update.error instanceof ApiError))) && (
          <Alert color="red.9" role="alert">
            {general.length ? general.join(' ') : t('common.error')}
          </Alert>
        )}
        {update.error instanceof ApiError && general.length === 0 && (
          <Alert color="red.9" role="alert">
            {t('programmeSettings.fixErrors')}
          </Alert>
        )}

        <Fieldset legend={t('programmeSettings.sections.signup')}>
          <Stack gap="sm">
            <MultiSelect
              label={t('programmeSettings.fields.languages.label')}
              description={t('programmeSettings.fields.languages.help')}
              searchable
              hidePickedOptions
              data={(languages.data ?? saved.languages.map((code) => ({ code, label: code }))).map((language) => ({ value: language.code, label: language.label }))}
              {...form.getInputProps('languages')}
            />
            <Switch
              label={t('programmeSettings.fields.signup_open.label')}
              description={t('programmeSettings.fields.signup_open.help')}
              disabled={saved.closed_at !== null}
              {...form.getInputProps('signup_open', { type: 'checkbox' })}
            />
          </Stack>
        </Fieldset>

        {mentoring && (
          <Fieldset legend={t('programmeSettings.sections.matching')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('programmeSettings.fields.min_language_level.label')}
                  description={t('programmeSettings.fields.min_language_level.help')}
                  data={saved.language_levels}
                  allowDeselect={false}
                  {...form.getInputProps('min_language_level')}
                />
                {number('min_score', { min: 0, max: 1, step: 0.05, decimalScale: 2 })}
              </SimpleGrid>
              <Stack gap={4} role="group" aria-labelledby={`weights-${programmeId}`}>
                <Text fw={500} size="sm" id={`weights-${programmeId}`}>
                  {t('programmeSettings.fields.weights.label')}
                </Text>
                <Text size="sm">
                  {t('programmeSettings.fields.weights.help')}
                </Text>
                {form.errors.weights && (
                  <Text size="sm" c="red.9" role="alert">
                    {form.errors.weights}
                  </Text>
                )}
                <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
                  {saved.weight_parts.map((part) => {
                    const weight = Number(form.values.weights[part]);
                    return (
                      <NumberInput
                        key={part}
                        label={t(`programmeSettings.parts.${part}`)}
                        description={
                          weightSum > 0 && weight >= 0
                            ? t('programmeSettings.share', { share: formatPercent(weight / weightSum) })
                            : undefined
                        }
                        min={0}
                        max={1}
                        step={0.05}
                        decimalScale={2}
                        clampBehavior="none"
                        {...form.getInputProps(`weights.${part}`)}
                      />
                    );
                  })}
                </SimpleGrid>
              </Stack>
              <Stack gap="xs">
                <Text size="sm">{t('programmeSettings.preview.intro')}</Text>
                <Button variant="outline" w="fit-content" onClick={tryRules} loading={preview.isPending}>
                  {t('programmeSettings.preview.button')}
                </Button>
                {preview.error && (
                  <Alert color="yellow.9" role="alert">
                    {preview.error instanceof ApiError ? preview.error.errors.map((error) => error.detail).join(' ') : t('common.error')}
                  </Alert>
                )}
                {preview.data && <PreviewResult result={preview.data} stale={previewed !== JSON.stringify(rules)} />}
              </Stack>
            </Stack>
          </Fieldset>
        )}

        {mentoring && (
          <Fieldset legend={t('programmeSettings.sections.offers')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {number('offer_expiry_days', { min: 1, max: 60 })}
              {number('match_duration_days', { min: 7, max: 730 })}
            </SimpleGrid>
          </Fieldset>
        )}

        {!mentoring && (
          <Fieldset legend={t('programmeSettings.sections.groups')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {number('group_min_size', { min: 2, max: 30 })}
              {number('group_max_size', { min: 2, max: 30 })}
            </SimpleGrid>
          </Fieldset>
        )}

        <Fieldset legend={t('programmeSettings.sections.privacy')}>
          <Stack gap="sm">
            <Checkbox
              label={t('programmeSettings.fields.retention_never.label')}
              description={t('programmeSettings.fields.retention_never.help')}
              {...form.getInputProps('retention_never', { type: 'checkbox' })}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {!form.values.retention_never && (
                <NumberInput
                  label={t('programmeSettings.fields.retention_inactive_days.label')}
                  description={t('programmeSettings.fields.retention_inactive_days.help')}
                  min={30}
                  max={3650}
                  clampBehavior="none"
                  allowNegative={false}
                  {...form.getInputProps('retention_inactive_days')}
                />
              )}
              {number('retention_grace_days', { min: 7, max: 365 })}
              {number('message_retention_months', { min: 1, max: 60 })}
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Group gap="sm" aria-live="polite">
          <Button type="submit" loading={update.isPending} disabled={!dirty}>
            {t('programmeSettings.save')}
          </Button>
          {dirty && (
            <>
              <Badge color="yellow.9" variant="light" data-testid="unsaved">
                {t('programmeSettings.unsaved')}
              </Badge>
              <Button
                variant="subtle"
                onClick={() => {
                  form.setValues(initial);
                  form.clearErrors();
                  update.reset();
                  preview.reset();
                }}
              >
                {t('programmeSettings.discard')}
              </Button>
            </>
          )}
          {done && !dirty && (
            <Text size="sm" c="green.9" role="status">
              {t('programmeSettings.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function PreviewResult({ result, stale }: { result: WhatIf; stale: boolean }) {
  const { t } = useTranslation();
  const score = (value: number) => formatNumber(value, { maximumFractionDigits: 2 });
  return (
    <Alert color={stale ? 'gray.8' : 'blue.9'} title={t('programmeSettings.preview.title')} data-testid="what-if">
      <Stack gap={4}>
        {stale && <Text size="sm" fw={600}>{t('programmeSettings.preview.stale')}</Text>}
        <Text size="sm" fw={600} data-testid="what-if-changed">
          {result.mentees_changed === 0
            ? t('programmeSettings.preview.unchanged')
            : t('programmeSettings.preview.changed', { count: result.mentees_changed, n: formatNumber(result.mentees_changed) })}
        </Text>
        <Text size="sm">
          {t('programmeSettings.preview.pairs', { added: formatNumber(result.pairs_added), removed: formatNumber(result.pairs_removed) })}
        </Text>
        <Text size="sm" data-testid="what-if-total">
          {t('programmeSettings.preview.total', { before: score(result.before.total_score), after: score(result.after.total_score) })}
        </Text>
        <Text size="sm" data-testid="what-if-rate">
          {t('programmeSettings.preview.rate', {
            before: formatPercent(result.before.match_rate),
            after: formatPercent(result.after.match_rate),
            matchedBefore: formatNumber(result.before.matched),
            matchedAfter: formatNumber(result.after.matched),
            mentees: formatNumber(result.mentees),
          })}
        </Text>
        {result.differs_from_last_run > 0 && (
          <Text size="sm">
            {t('programmeSettings.preview.drift', { n: formatNumber(result.differs_from_last_run) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
