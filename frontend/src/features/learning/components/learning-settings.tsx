// "Learning from outcomes" on the programme's settings page: how much the learned chance of success counts in a
// run, what counts as success, pooling outcomes with the organisation's other programmes, the groups whose match
// rates are watched and the fairness guard; each with one sentence of help, its own Save, and a link to the card.
import { Alert, Anchor, Button, Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { Link } from '@/lib/router';
import { type LearningChanges, type MonitoredGroup, type OutcomeTarget, useProgrammeModel, useUpdateLearningSettings } from '../api/model';

const TARGETS: OutcomeTarget[] = ['work_6m', 'work_or_training_6m', 'any_goal_6m'];
const GROUPS: MonitoredGroup[] = ['mentee_language', 'childcare', 'city'];
const FIELDS = ['learned_weight', 'outcome_target', 'pool_outcomes', 'monitored_groups', 'fairness_min_share', 'fairness_group'] as const;

export type LearningSettingsValues = {
  learned_weight: number;
  outcome_target: OutcomeTarget;
  pool_outcomes: boolean;
  monitored_groups: MonitoredGroup[];
  fairness_min_share: number | null;
  fairness_group: MonitoredGroup | null;
  monitored_group_choices: string[];
};

type Values = {
  learned_weight: number | string;
  outcome_target: OutcomeTarget;
  pool_outcomes: boolean;
  monitored_groups: MonitoredGroup[];
  guard: boolean;
  fairness_min_share: number | string;
  fairness_group: MonitoredGroup | null;
};

function valuesOf(saved: LearningSettingsValues): Values {
  return {
    learned_weight: saved.learned_weight ?? 0,
    outcome_target: saved.outcome_target ?? 'work_or_training_6m',
    pool_outcomes: saved.pool_outcomes ?? false,
    monitored_groups: [...(saved.monitored_groups ?? [])],
    guard: saved.fairness_min_share !== null && saved.fairness_min_share !== undefined,
    fairness_min_share: saved.fairness_min_share ?? 0.8,
    fairness_group: saved.fairness_group ?? null,
  };
}

/** A number as typed: sent as a number when it is one, as typed otherwise (the server then says what is wrong). */
function amount(value: number | string): number {
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return (Number.isFinite(number) ? number : value) as number;
}

export function changesOf(values: Values, saved: Values): LearningChanges {
  const changes: LearningChanges = {};
  if (String(values.learned_weight) !== String(saved.learned_weight)) changes.learned_weight = amount(values.learned_weight);
  if (values.outcome_target !== saved.outcome_target) changes.outcome_target = values.outcome_target;
  if (values.pool_outcomes !== saved.pool_outcomes) changes.pool_outcomes = values.pool_outcomes;
  if (JSON.stringify(values.monitored_groups) !== JSON.stringify(saved.monitored_groups)) changes.monitored_groups = values.monitored_groups;
  const share = values.guard ? amount(values.fairness_min_share) : null;
  const savedShare = saved.guard ? amount(saved.fairness_min_share) : null;
  if (share !== savedShare) changes.fairness_min_share = share;
  if (values.guard && values.fairness_group !== saved.fairness_group) changes.fairness_group = values.fairness_group;
  return changes;
}

export function LearningSettingsSection({ programmeId, saved }: { programmeId: string; saved: LearningSettingsValues }) {
  const { t } = useTranslation();
  const initial = valuesOf(saved);
  const form = useForm<Values>({ initialValues: initial });
  const update = useUpdateLearningSettings(programmeId);
  const model = useProgrammeModel(programmeId);
  const [done, setDone] = useState(false);
  const changes = changesOf(form.values, initial);
  const dirty = Object.keys(changes).length > 0;
  const general = update.error instanceof ApiError ? mapApiErrors(update.error, fieldOf).general : [];
  const hasModel = Boolean(model.data?.model);
  const groups = form.values.monitored_groups;

  const submit = form.onSubmit((values) => {
    setDone(false);
    void update.mutateAsync(changesOf(values, initial)).then(
      () => setDone(true),
      (error: unknown) => {
        if (error instanceof ApiError) form.setErrors(mapApiErrors(error, fieldOf).fields);
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="learning-settings">
      <Fieldset legend={t('learning.settings.title')}>
        <Stack gap="sm">
          <Text size="sm">{t('learning.settings.intro')}</Text>
          <Anchor component={Link} to={`/programmes/${programmeId}/model`} size="sm" w="fit-content">
            {t('learning.settings.openCard')}
          </Anchor>
          {!hasModel && model.isSuccess && (
            <Text size="sm" c="dark.6" data-testid="learning-no-model">
              {t('learning.settings.noModel')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('learning.settings.fields.learned_weight.label')}
              description={t('learning.settings.fields.learned_weight.help')}
              min={0}
              max={1}
              step={0.05}
              decimalScale={2}
              clampBehavior="none"
              allowNegative={false}
              {...form.getInputProps('learned_weight')}
            />
            <Select
              label={t('learning.settings.fields.outcome_target.label')}
              description={t('learning.settings.fields.outcome_target.help')}
              data={TARGETS.map((value) => ({ value, label: t(`learning.targets.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('outcome_target')}
            />
          </SimpleGrid>
          <Switch
            label={t('learning.settings.fields.pool_outcomes.label')}
            description={t('learning.settings.fields.pool_outcomes.help')}
            {...form.getInputProps('pool_outcomes', { type: 'checkbox' })}
          />
          <Checkbox.Group
            label={t('learning.settings.fields.monitored_groups.label')}
            description={t('learning.settings.fields.monitored_groups.help')}
            {...form.getInputProps('monitored_groups')}
          >
            <Group gap="md" mt={4}>
              {(saved.monitored_group_choices ?? GROUPS).map((group) => (
                <Checkbox key={group} value={group} label={t(`learning.groups.${group}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label={t('learning.settings.fields.guard.label')}
            description={t('learning.settings.fields.guard.help')}
            {...form.getInputProps('guard', { type: 'checkbox' })}
          />
          {form.values.guard && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('learning.settings.fields.fairness_min_share.label')}
                description={t('learning.settings.fields.fairness_min_share.help')}
                min={0.5}
                max={1}
                step={0.05}
                decimalScale={2}
                clampBehavior="none"
                allowNegative={false}
                {...form.getInputProps('fairness_min_share')}
              />
              <Select
                label={t('learning.settings.fields.fairness_group.label')}
                description={t('learning.settings.fields.fairness_group.help')}
                data={groups.map((value) => ({ value, label: t(`learning.groups.${value}`) }))}
                {...form.getInputProps('fairness_group')}
              />
            </SimpleGrid>
          )}
          {(general.length > 0 || (update.error && !(update.error instanceof ApiError))) && (
            <Alert color="red.9" role="alert">
              {general.length ? general.join(' ') : t('common.error')}
            </Alert>
          )}
          <Group gap="sm" aria-live="polite">
            <Button type="submit" variant="light" loading={update.isPending} disabled={!dirty}>
              {t('learning.settings.save')}
            </Button>
            {done && !dirty && (
              <Text size="sm" c="green.9" role="status">
                {t('learning.settings.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}

function fieldOf(attr: string): string | null {
  const field = attr.split('.')[0] ?? '';
  return (FIELDS as readonly string[]).includes(field) ? field : null;
}
