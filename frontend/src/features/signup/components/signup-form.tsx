// Sign-up in five short steps, for a mentee or for a mentor / employer; the server's field errors appear next to
// their fields (and the form jumps to the step that holds the first one).
import { Alert, Button, Group, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { isolate, LocalText } from '@/components/local-text';
import { AddressChoice, type AddressChoiceValue } from '@/components/address-choice';
import { useForm } from '@mantine/form';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { mapApiErrors } from '@/components/form-errors';
import { Loading, QueryState } from '@/components/query-state';
import { useProgramme } from '@/lib/programme';
import { type SignUpInput, useSignUp } from '../api/sign-up';
import { fieldForAttr, type SignUpRole, type SignUpValues, stepOfField, stepsFor, type Step } from './signup-fields';
import { PasswordField } from '@/components/password-field';

type Programme = components['schemas']['ProgrammeOutput'];
type InvitationAcceptInput = components['schemas']['InvitationAcceptInputRequest'];

/** Signing up through an invitation's link (features/invitations composes it in app/routes/invitation.tsx): the
 * address is the invitation's (shown locked, partly hidden), the role is the invited one, and someone already
 * logged in (with the invited address) skips the account step: her account joins. */
export type InvitedSignUp = {
  emailHint: string;
  loggedIn: boolean;
  submit: (body: InvitationAcceptInput) => Promise<unknown>;
};
type Level = components['schemas']['LevelEnum'];
type Gender = components['schemas']['GenderEnum'];

// Only the first step (her name, email and password) is needed before she can start: the others, with the sector
// search, the week grid and the consent, are a file of their own. It is fetched once she starts typing (or when the
// phone is idle, or at the latest when she goes on), so it never competes with the first step's own code. If that
// fails (a train tunnel), she is told and can try again: what she typed stays, nothing is reloaded.
type LaterSteps = typeof import('./signup-steps');

function useLaterSteps() {
  const [steps, setSteps] = useState<LaterSteps | null>(null);
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  const load = useCallback(() => {
    started.current = true;
    setFailed(false);
    import('./signup-steps').then(setSteps, () => setFailed(true));
  }, []);
  const start = useCallback(() => {
    if (!started.current) load();
  }, [load]);
  useEffect(() => {
    const idle = globalThis.requestIdleCallback?.(start, { timeout: 8000 });
    const timer = idle === undefined ? setTimeout(start, 4000) : undefined;
    return () => {
      if (idle !== undefined) globalThis.cancelIdleCallback?.(idle);
      clearTimeout(timer);
    };
  }, [start]);
  return { steps, failed, start, retry: load };
}

export function SignUpPage({ programmeId, role = 'mentee', onDone }: { programmeId: string; role?: SignUpRole; onDone: () => void }) {
  const programme = useProgramme(programmeId);
  return <QueryState query={programme}>{(data) => <SignUpForm programme={data} role={role} onDone={onDone} />}</QueryState>;
}

export function SignUpForm({
  programme,
  role = 'mentee',
  onDone,
  invitation,
}: {
  programme: Programme;
  role?: SignUpRole;
  onDone: () => void;
  invitation?: InvitedSignUp;
}) {
  const { t, i18n } = useTranslation();
  const steps = stepsFor(role).filter((name) => !(invitation?.loggedIn && name === 'account'));
  const isMentee = role === 'mentee';
  const [step, setStep] = useState<Step>(steps[0] ?? 'account');
  const [joining, setJoining] = useState(false);
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
      improveMatching: false,
    },
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      if (step === 'account') {
        if (!values.displayName.trim()) errors.displayName = t('signup.required');
        if (!invitation && !/^\S+@\S+\.\S+$/.test(values.email)) errors.email = t('signup.emailInvalid');
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
  const later = useLaterSteps();
  const startLater = later.start;
  useEffect(() => {
    if (step !== 'account') startLater();
  }, [step, startLater]);
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
    const account = {
      display_name: values.displayName.trim(),
      email: values.email.trim(),
      password: values.password,
      preferred_language: (i18n.resolvedLanguage ?? 'en') as 'en',
      address_as: values.addressAs,
    };
    const profile: SignUpInput['profile'] = isMentee
      ? { ...common, online: true, woman_mentor_only: values.womanMentorOnly, online_only: values.onlineOnly, gender: 'woman' }
      : {
          ...common,
          online: values.online,
          availability: values.availability as components['schemas']['AvailabilityEnum'][],
          capacity: values.capacity,
          gender: values.gender as Gender,
          ...(role === 'employer' ? { organisation: values.organisation.trim() } : {}),
        };
    const consent = {
      given: values.consent,
      version: programme.consent_version ?? '',
      // Optional and off by default: being asked later what came of her match (issue 17).
      ...(values.improveMatching ? { purposes: ['improve_matching' as const] } : {}),
    };
    const onError = (error: unknown) => {
      if (!(error instanceof ApiError)) {
        setGeneral([t('common.error')]);
        return;
      }
      const mapped = mapApiErrors(error, fieldForAttr);
      form.setErrors(mapped.fields);
      setGeneral(mapped.general);
      const first = Object.keys(mapped.fields)[0];
      goTo(first ? stepOfField(first, role) : step);
    };
    if (invitation) {
      // The invited address is the invitation's: the server takes it from there, never from the form.
      const { email: _email, ...invitedAccount } = account;
      setJoining(true);
      invitation
        .submit({ ...(invitation.loggedIn ? {} : { account: invitedAccount }), profile, consent })
        .then(onDone, onError)
        .finally(() => setJoining(false));
      return;
    }
    signUp.mutate({ role, account, profile, consent }, { onSuccess: onDone, onError });
  };

  const onSubmit = form.onSubmit((values) => {
    const next = steps[index + 1];
    if (next) goTo(next);
    else submit(values);
  });

  if (!programme.signup_open && !invitation) return <Alert color="yellow">{t('signup.closed')}</Alert>;

  const title = isMentee
    ? t('signup.title', { programme: isolate(programme.name) })
    : t(`mentoring.signup.title.${role}`, { programme: isolate(programme.name) });

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} maw={640} mx="auto">
      <form onSubmit={onSubmit} onFocus={later.start} noValidate>
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
              {invitation ? (
                <TextInput label={t('signup.email')} value={invitation.emailHint} readOnly disabled dir="ltr" />
              ) : (
                <TextInput label={t('signup.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
              )}
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

          {step !== 'account' &&
            (later.steps ? (
              <later.steps.LaterStep step={step} role={role} form={form} programme={programme} languageErrors={languageErrors} />
            ) : later.failed ? (
              <Alert color="red.9" role="alert" title={t('common.error')}>
                <Stack gap="xs">
                  <Text size="sm">{t('common.loadFailed')}</Text>
                  <Button variant="outline" color="red.9" size="xs" w="fit-content" onClick={later.retry}>
                    {t('common.retry')}
                  </Button>
                </Stack>
              </Alert>
            ) : (
              <Loading />
            ))}

          <Group justify="space-between">
            {index > 0 ? (
              <Button variant="outline" onClick={() => goTo(steps[index - 1] ?? 'account')}>
                {t('common.back')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={signUp.isPending || joining} size="md">
              {step === 'consent' ? t('signup.submit') : t('common.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
