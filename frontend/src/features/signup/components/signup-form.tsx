// The mentee's sign-up in five short steps; the server's field errors appear next to their fields.
import {
  Alert,
  Blockquote,
  Button,
  Checkbox,
  Chip,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  PasswordInput,
  Progress,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { mapApiErrors } from '@/components/form-errors';
import { Loading, QueryState } from '@/components/query-state';
import { useLanguages, useReference } from '@/lib/reference';
import { useProgramme } from '../api/get-programme';
import { useSignUp } from '../api/sign-up';
import { fieldForAttr, type SignUpValues, STEPS, stepOfField, type Step } from './signup-fields';

type Programme = components['schemas']['ProgrammeOutput'];
type Level = components['schemas']['LevelEnum'];
const LEVELS: Level[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export function SignUpPage({ programmeId, onDone }: { programmeId: string; onDone: () => void }) {
  const programme = useProgramme(programmeId);
  return <QueryState query={programme}>{(data) => <SignUpForm programme={data} onDone={onDone} />}</QueryState>;
}

export function SignUpForm({ programme, onDone }: { programme: Programme; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>('account');
  const [general, setGeneral] = useState<string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const signUp = useSignUp(programme.id);
  const languages = useLanguages();
  const sectors = useReference('sectors');
  const goals = useReference('goals');

  const form = useForm<SignUpValues>({
    initialValues: {
      displayName: '',
      email: '',
      password: '',
      languages: [{ code: i18n.resolvedLanguage ?? 'en', level: 'C2' }],
      sectors: [],
      goals: [],
      goalsText: '',
      city: programme.city ?? '',
      womanMentorOnly: false,
      onlineOnly: false,
      consent: false,
    },
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      if (step === 'account') {
        if (!values.displayName.trim()) errors.displayName = t('signup.required');
        if (!/^\S+@\S+\.\S+$/.test(values.email)) errors.email = t('signup.emailInvalid');
        if (values.password.length < 10) errors.password = t('signup.passwordShort');
      }
      if (step === 'languages') {
        if (values.languages.length === 0) errors.languages = t('signup.languageRequired');
        values.languages.forEach((language, index) => {
          if (!language.code) errors[`languages.${index}.code`] = t('signup.required');
          if (!language.level) errors[`languages.${index}.level`] = t('signup.required');
        });
      }
      if (step === 'work' && values.goals.length === 0) errors.goals = t('signup.goalRequired');
      if (step === 'consent' && !values.consent) errors.consent = t('signup.consentRequired');
      return errors;
    },
  });

  const index = STEPS.indexOf(step);
  const goTo = (next: Step) => {
    setStep(next);
    // Move focus to the new step's heading so keyboard and screen-reader users know where they are.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const submit = (values: SignUpValues) => {
    setGeneral([]);
    signUp.mutate(
      {
        role: 'mentee',
        account: {
          display_name: values.displayName.trim(),
          email: values.email.trim(),
          password: values.password,
          preferred_language: (i18n.resolvedLanguage ?? 'en') as 'en',
        },
        profile: {
          languages: values.languages.map((l) => ({ code: l.code, level: l.level as Level })),
          sectors: values.sectors,
          goals: values.goals,
          goals_text: values.goalsText,
          city: values.city,
          online: true,
          woman_mentor_only: values.womanMentorOnly,
          online_only: values.onlineOnly,
          gender: 'woman',
        },
        consent: { given: values.consent, version: programme.consent_version ?? '' },
      },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (!(error instanceof ApiError)) {
            setGeneral([t('common.error')]);
            return;
          }
          const mapped = mapApiErrors(error, fieldForAttr);
          form.setErrors(mapped.fields);
          setGeneral(mapped.general);
          const first = Object.keys(mapped.fields)[0];
          goTo(first ? stepOfField(first) : step);
        },
      },
    );
  };

  const onSubmit = form.onSubmit((values) => {
    const next = STEPS[index + 1];
    if (next) goTo(next);
    else submit(values);
  });

  if (!programme.signup_open) return <Alert color="yellow">{t('signup.closed')}</Alert>;

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} maw={640} mx="auto">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            {t('signup.title', { programme: programme.name })}
          </Title>
          <Text size="sm" id="signup-progress-label">
            {t('signup.stepOf', { current: index + 1, total: STEPS.length })}
          </Text>
          <Progress.Root size="md">
            <Progress.Section
              value={((index + 1) / STEPS.length) * 100}
              aria-label={t('signup.stepOf', { current: index + 1, total: STEPS.length })}
            />
          </Progress.Root>
          <Title order={2} size="h4" ref={headingRef} tabIndex={-1}>
            {t(`signup.steps.${step}`)}
          </Title>
          {general.length > 0 && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {general.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
            </Alert>
          )}

          {step === 'account' && (
            <>
              <TextInput label={t('signup.displayName')} autoComplete="given-name" required {...form.getInputProps('displayName')} />
              <TextInput label={t('signup.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
              <PasswordInput
                label={t('signup.password')}
                description={t('signup.passwordHint')}
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
            </>
          )}

          {step === 'languages' && (
            <>
              <Text>{t('signup.languagesIntro')}</Text>
              {languages.isPending && <Loading />}
              {form.values.languages.map((_, position) => (
                <Group key={position} align="end" wrap="wrap" gap="xs">
                  <Select
                    label={t('signup.language')}
                    searchable
                    required
                    data={(languages.data ?? []).map((l) => ({ value: l.code, label: l.label }))}
                    style={{ flex: '1 1 12rem' }}
                    {...form.getInputProps(`languages.${position}.code`)}
                  />
                  <NativeSelect
                    label={t('signup.level')}
                    required
                    data={[{ value: '', label: '—' }, ...LEVELS.map((level) => ({ value: level, label: t(`signup.levels.${level}`) }))]}
                    style={{ flex: '1 1 12rem' }}
                    {...form.getInputProps(`languages.${position}.level`)}
                  />
                  {form.values.languages.length > 1 && (
                    <Button variant="subtle" color="red.9" onClick={() => form.removeListItem('languages', position)}>
                      {t('signup.removeLanguage')}
                    </Button>
                  )}
                </Group>
              ))}
              {form.errors.languages && (
                <Text c="red.8" size="sm" role="alert">
                  {form.errors.languages}
                </Text>
              )}
              <Button variant="outline" w="fit-content" onClick={() => form.insertListItem('languages', { code: '', level: '' })}>
                {t('signup.addLanguage')}
              </Button>
            </>
          )}

          {step === 'work' && (
            <>
              <MultiSelect
                label={t('signup.sectors')}
                searchable
                data={(sectors.data ?? []).map((s) => ({ value: s.code, label: s.label }))}
                {...form.getInputProps('sectors')}
              />
              <Stack gap={4} role="group" aria-labelledby="goals-label">
                <Text id="goals-label" fw={500} size="sm">
                  {t('signup.goals')}
                </Text>
                {goals.isPending && <Loading />}
                <Chip.Group multiple {...form.getInputProps('goals')}>
                  <Group gap="xs">
                    {(goals.data ?? []).map((goal) => (
                      <Chip key={goal.code} value={goal.code} size="md">
                        {goal.icon && <span aria-hidden="true">{goal.icon} </span>}
                        {goal.label}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
                {form.errors.goals && (
                  <Text c="red.8" size="sm" role="alert">
                    {form.errors.goals}
                  </Text>
                )}
              </Stack>
              <Textarea label={t('signup.goalsText')} autosize minRows={2} {...form.getInputProps('goalsText')} />
              <TextInput label={t('signup.city')} autoComplete="address-level2" {...form.getInputProps('city')} />
            </>
          )}

          {step === 'preferences' && (
            <>
              <Text>{t('signup.preferencesIntro')}</Text>
              <Checkbox label={t('signup.womanMentorOnly')} {...form.getInputProps('womanMentorOnly', { type: 'checkbox' })} />
              <Checkbox label={t('signup.onlineOnly')} {...form.getInputProps('onlineOnly', { type: 'checkbox' })} />
            </>
          )}

          {step === 'consent' && (
            <>
              <Text>{t('signup.consentIntro')}</Text>
              <Blockquote p="md" dir="auto">
                {programme.consent_text}
              </Blockquote>
              <Checkbox label={t('signup.consentCheck')} {...form.getInputProps('consent', { type: 'checkbox' })} />
            </>
          )}

          <Group justify="space-between">
            {index > 0 ? (
              <Button variant="outline" onClick={() => goTo(STEPS[index - 1] ?? 'account')}>
                {t('common.back')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={signUp.isPending} size="md">
              {step === 'consent' ? t('signup.submit') : t('common.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
