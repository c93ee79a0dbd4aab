// Sign-up in five short steps, for a mentee or for a mentor / employer; the server's field errors appear next to
// their fields (and the form jumps to the step that holds the first one).
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { SectorPicker } from '@/components/sector-picker';
import { isolate, LocalText } from '@/components/local-text';
import { AddressChoice, type AddressChoiceValue } from '@/components/address-choice';
import { ConsentText } from '@/components/consent-text';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { AvailabilityGrid } from '@/components/availability-grid';
import { mapApiErrors } from '@/components/form-errors';
import { GoalChips } from '@/components/goal-chips';
import { LanguageLevels } from '@/components/language-levels';
import { QueryState } from '@/components/query-state';
import { useProgramme } from '@/lib/programme';
import { useSignUp } from '../api/sign-up';
import { fieldForAttr, type SignUpRole, type SignUpValues, stepOfField, stepsFor, type Step } from './signup-fields';
import { PasswordField } from '@/components/password-field';

// How many mentees at once, 1 to 10, from the phone's own picker.
const CAPACITIES = Array.from({ length: 10 }, (_, index) => String(index + 1));

type Programme = components['schemas']['ProgrammeOutput'];
type Level = components['schemas']['LevelEnum'];
type Gender = components['schemas']['GenderEnum'];
const GENDERS: Gender[] = ['woman', 'man', 'non_binary', 'unspecified'];

export function SignUpPage({ programmeId, role = 'mentee', onDone }: { programmeId: string; role?: SignUpRole; onDone: () => void }) {
  const programme = useProgramme(programmeId);
  return <QueryState query={programme}>{(data) => <SignUpForm programme={data} role={role} onDone={onDone} />}</QueryState>;
}

export function SignUpForm({ programme, role = 'mentee', onDone }: { programme: Programme; role?: SignUpRole; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const steps = stepsFor(role);
  const isMentee = role === 'mentee';
  const [step, setStep] = useState<Step>('account');
  const [general, setGeneral] = useState<string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const signUp = useSignUp(programme.id);

  const form = useForm<SignUpValues>({
    initialValues: {
      displayName: '',
      addressAs: '' as AddressChoiceValue,
      email: '',
      password: '',
      languages: [{ code: i18n.resolvedLanguage ?? 'en', level: 'C2' }],
      sectors: [],
      goals: [],
      goalsText: '',
      city: programme.city ?? '',
      online: true,
      availability: [],
      capacity: 1,
      gender: 'unspecified',
      organisation: '',
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
      if (step === 'work') {
        if (isMentee && values.goals.length === 0) errors.goals = t('signup.goalRequired');
        if (!isMentee && values.sectors.length === 0) errors.sectors = t('mentoring.signup.sectorRequired');
      }
      if (step === 'availability') {
        if (!Number.isInteger(values.capacity) || values.capacity < 1 || values.capacity > 10)
          errors.capacity = t('mentoring.signup.capacityRange');
        if (!values.online && !values.city.trim()) errors.city = t('mentoring.profile.cityOrOnline');
      }
      if (step === 'consent' && !values.consent) errors.consent = t('signup.consentRequired');
      return errors;
    },
  });

  const index = steps.indexOf(step);
  const goTo = (next: Step) => {
    setStep(next);
    // Move focus to the new step's heading so keyboard and screen-reader users know where they are.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const languageErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([key]) => key.startsWith('languages.'))
      .map(([key, value]) => [key.slice('languages.'.length), value ? String(value) : undefined]),
  );

  const submit = (values: SignUpValues) => {
    setGeneral([]);
    const common = {
      languages: values.languages.map((l) => ({ code: l.code, level: l.level as Level })),
      sectors: values.sectors,
      goals: values.goals,
      goals_text: values.goalsText,
      city: values.city.trim(),
    };
    signUp.mutate(
      {
        role,
        account: {
          display_name: values.displayName.trim(),
          email: values.email.trim(),
          password: values.password,
          preferred_language: (i18n.resolvedLanguage ?? 'en') as 'en',
          address_as: values.addressAs,
        },
        profile: isMentee
          ? { ...common, online: true, woman_mentor_only: values.womanMentorOnly, online_only: values.onlineOnly, gender: 'woman' }
          : {
              ...common,
              online: values.online,
              availability: values.availability as components['schemas']['AvailabilityEnum'][],
              capacity: values.capacity,
              gender: values.gender as Gender,
              ...(role === 'employer' ? { organisation: values.organisation.trim() } : {}),
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
          goTo(first ? stepOfField(first, role) : step);
        },
      },
    );
  };

  const onSubmit = form.onSubmit((values) => {
    const next = steps[index + 1];
    if (next) goTo(next);
    else submit(values);
  });

  if (!programme.signup_open) return <Alert color="yellow">{t('signup.closed')}</Alert>;

  const title = isMentee
    ? t('signup.title', { programme: isolate(programme.name) })
    : t(`mentoring.signup.title.${role}`, { programme: isolate(programme.name) });

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} maw={640} mx="auto">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            {title}
          </Title>
          {index === 0 && <LocalText size="sm" text={programme.description} language={programme.text_languages.description} />}
          <Text size="sm" id="signup-progress-label">
            {t('signup.stepOf', { current: index + 1, total: steps.length })}
          </Text>
          <Progress.Root size="md">
            <Progress.Section
              value={((index + 1) / steps.length) * 100}
              aria-label={t('signup.stepOf', { current: index + 1, total: steps.length })}
            />
          </Progress.Root>
          <Title order={2} size="h4" ref={headingRef} tabIndex={-1}>
            {step === 'availability' ? t('mentoring.signup.availabilityStep') : t(`signup.steps.${step}`)}
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
              <PasswordField
                label={t('signup.password')}
                description={t('signup.passwordHint')}
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
              <AddressChoice
                value={form.values.addressAs}
                onChange={(value) => form.setFieldValue('addressAs', value)}
                error={form.errors.addressAs as string | undefined}
              />
            </>
          )}

          {step === 'languages' && (
            <>
              <Text>{isMentee ? t('signup.languagesIntro') : t('mentoring.signup.languagesIntro')}</Text>
              <LanguageLevels
                value={form.values.languages}
                onChange={(next) => form.setFieldValue('languages', next)}
                errors={languageErrors}
                error={form.errors.languages ? String(form.errors.languages) : undefined}
              />
            </>
          )}

          {step === 'work' && (
            <>
              {role === 'employer' && (
                <TextInput label={t('mentoring.signup.organisation')} autoComplete="organization" {...form.getInputProps('organisation')} />
              )}
              <SectorPicker
                label={isMentee ? t('signup.sectors') : t('mentoring.signup.sectors')}
                value={form.values.sectors}
                onChange={(next) => form.setFieldValue('sectors', next)}
                error={form.errors.sectors ? String(form.errors.sectors) : undefined}
              />
              <GoalChips
                label={isMentee ? t('signup.goals') : t('mentoring.signup.offers')}
                value={form.values.goals}
                onChange={(next) => form.setFieldValue('goals', next)}
                error={form.errors.goals ? String(form.errors.goals) : undefined}
              />
              <Textarea label={t('signup.goalsText')} autosize minRows={2} {...form.getInputProps('goalsText')} />
              {isMentee && <TextInput label={t('signup.city')} autoComplete="address-level2" {...form.getInputProps('city')} />}
            </>
          )}

          {step === 'preferences' && (
            <>
              <Text>{t('signup.preferencesIntro')}</Text>
              <Checkbox label={t('signup.womanMentorOnly')} {...form.getInputProps('womanMentorOnly', { type: 'checkbox' })} />
              <Checkbox label={t('signup.onlineOnly')} {...form.getInputProps('onlineOnly', { type: 'checkbox' })} />
            </>
          )}

          {step === 'availability' && (
            <>
              <NativeSelect
                label={t('mentor.capacity')}
                description={t('mentoring.signup.capacityHint')}
                required
                w={220}
                data={CAPACITIES}
                value={String(form.values.capacity)}
                onChange={(event) => form.setFieldValue('capacity', Number(event.currentTarget.value))}
                error={form.errors.capacity}
              />
              <TextInput label={t('signup.city')} autoComplete="address-level2" {...form.getInputProps('city')} />
              <Checkbox label={t('mentoring.profile.online')} {...form.getInputProps('online', { type: 'checkbox' })} />
              <AvailabilityGrid value={form.values.availability} onChange={(next) => form.setFieldValue('availability', next)} />
              <NativeSelect
                label={t('mentoring.signup.gender')}
                description={t('mentoring.signup.genderHint')}
                data={GENDERS.map((gender) => ({ value: gender, label: t(`mentoring.genders.${gender}`) }))}
                {...form.getInputProps('gender')}
              />
            </>
          )}

          {step === 'consent' && (
            <>
              <Text>{t('signup.consentIntro')}</Text>
              <ConsentText
                text={programme.consent_text}
                language={programme.consent_language}
                languages={programme.consent_languages}
              />
              <Text size="sm">{t('mentoring.signup.consentPlain')}</Text>
              <Checkbox label={t('signup.consentCheck')} {...form.getInputProps('consent', { type: 'checkbox' })} />
            </>
          )}

          <Group justify="space-between">
            {index > 0 ? (
              <Button variant="outline" onClick={() => goTo(steps[index - 1] ?? 'account')}>
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
