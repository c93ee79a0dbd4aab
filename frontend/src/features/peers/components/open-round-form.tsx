// Open a round: its name, group sizes, how many cities a group mixes, a topic focus and whether to avoid
// putting people together again.
import { Button, Checkbox, Group, MultiSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { useReference } from '@/lib/reference';
import { useGroupSizes } from '../api/get-group-sizes';
import { useOpenRound } from '../api/open-round';
import type { Round, RoundOpenInput } from '../api/types';
import { Notice } from './notice';

type Values = {
  name: string;
  minSize: number | string;
  maxSize: number | string;
  minCities: number | string;
  topicFocus: string[];
  avoidRepeats: boolean;
  followupDays: number | string;
};

const FIELDS: Record<string, keyof Values> = {
  name: 'name',
  min_size: 'minSize',
  max_size: 'maxSize',
  min_distinct_cities: 'minCities',
  avoid_repeats: 'avoidRepeats',
  followup_after_days: 'followupDays',
};

const INITIAL: Values = { name: '', minSize: 4, maxSize: 8, minCities: 2, topicFocus: [], avoidRepeats: true, followupDays: 30 };

function fieldForAttr(attr: string): string | null {
  if (attr.startsWith('topic_focus')) return 'topicFocus';
  return FIELDS[attr] ?? null;
}

export function OpenRoundForm({ programmeId, onOpened }: { programmeId: string; onOpened: (round: Round) => void }) {
  const { t } = useTranslation();
  const open = useOpenRound(programmeId);
  const topics = useReference('topics');
  const sizes = useGroupSizes(programmeId);
  const form = useForm<Values>({
    initialValues: INITIAL,
    validate: {
      name: (value) => (value.trim() ? null : t('peers.open.required')),
      maxSize: (value, values) => (Number(value) < Number(values.minSize) ? t('peers.open.maxBelowMin') : null),
      minCities: (value, values) => (Number(value) > Number(values.maxSize) ? t('peers.open.citiesAboveMax') : null),
    },
  });
  // The sizes start from the network's own (its settings), until she types her own for this round.
  const low = sizes.data?.min;
  const high = sizes.data?.max;
  useEffect(() => {
    if (typeof low !== 'number' || typeof high !== 'number') return;
    const untouched = !form.isDirty('minSize') && !form.isDirty('maxSize');
    form.setInitialValues({ ...INITIAL, minSize: low, maxSize: high });
    if (untouched) form.setValues({ minSize: low, maxSize: high });
  }, [low, high]); // only when the network's sizes arrive or change (the form object is new on every render)
  const general = open.error instanceof ApiError ? mapApiErrors(open.error, fieldForAttr).general : [];

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const body: RoundOpenInput = {
            name: values.name.trim(),
            min_size: Number(values.minSize),
            max_size: Number(values.maxSize),
            min_distinct_cities: Number(values.minCities),
            topic_focus: values.topicFocus as RoundOpenInput['topic_focus'],
            avoid_repeats: values.avoidRepeats,
            followup_after_days: Number(values.followupDays),
          };
          open.mutate(body, {
            onSuccess: (round) => {
              form.reset();
              onOpened(round);
            },
            onError: (error) => {
              if (error instanceof ApiError) form.setErrors(mapApiErrors(error, fieldForAttr).fields);
            },
          });
        })}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('peers.open.title')}
          </Title>
          <Text size="sm">{t('peers.open.intro')}</Text>
          <TextInput label={t('peers.open.name')} description={t('peers.open.nameHint')} required {...form.getInputProps('name')} />
          <Group grow wrap="wrap" align="start" gap="sm">
            <NumberInput label={t('peers.open.minSize')} min={2} max={30} required style={{ minWidth: '9rem' }} {...form.getInputProps('minSize')} />
            <NumberInput label={t('peers.open.maxSize')} min={2} max={30} required style={{ minWidth: '9rem' }} {...form.getInputProps('maxSize')} />
          </Group>
          <Group grow wrap="wrap" align="start" gap="sm">
            <NumberInput
              label={t('peers.open.minCities')}
              description={t('peers.open.minCitiesHint')}
              min={1}
              max={30}
              required
              style={{ minWidth: '9rem' }}
              {...form.getInputProps('minCities')}
            />
            <NumberInput
              label={t('peers.open.followupDays')}
              description={t('peers.open.followupDaysHint')}
              min={1}
              max={365}
              style={{ minWidth: '9rem' }}
              {...form.getInputProps('followupDays')}
            />
          </Group>
          <MultiSelect
            label={t('peers.open.topicFocus')}
            description={t('peers.open.topicFocusHint')}
            searchable
            data={(topics.data ?? []).map((topic) => ({ value: topic.code, label: topic.label }))}
            {...form.getInputProps('topicFocus')}
          />
          <Checkbox label={t('peers.open.avoidRepeats')} {...form.getInputProps('avoidRepeats', { type: 'checkbox' })} />
          {general.length > 0 && (
            <Notice tone="error" role="alert" title={t('common.errorsTitle')}>
              {general.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
            </Notice>
          )}
          <Button type="submit" w="fit-content" loading={open.isPending}>
            {t('peers.open.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
