import { Alert, Anchor, Button, Code, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/errors';
import { fetchTotpSetup, meQueryKey, type TotpSetup, useActivateTotp, useLogin, useTwoStepCode } from '@/lib/auth';
import { PasswordField } from '@/components/password-field';

export type LoggedInRole = 'coordinator' | 'participant';

/** password → (code from the authenticator app, when allauth asks) → (set-up, for a coordinator without one). */
type Step = 'password' | 'code' | 'setup';

function errorText(error: unknown, fallback: string): string {
  return error instanceof ApiError && error.errors.length ? error.errors.map((e) => e.detail).join(' ') : fallback;
}

export function LoginForm({ onLoggedIn }: { onLoggedIn: (role: LoggedInRole, programmeId?: string) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const twoStep = useTwoStepCode();
  const activate = useActivateTotp();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('password');
  const [code, setCode] = useState('');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.includes('@') ? null : t('signup.emailInvalid')),
      password: (value) => (value ? null : t('signup.required')),
    },
  });

  const finish = async () => {
    const me = await queryClient.fetchQuery({
      queryKey: meQueryKey,
      queryFn: async () => unwrap(await api.GET('/api/v1/me/')),
    });
    if (me.two_step.required && !me.two_step.passed) {
      // A coordinator or admin without an authenticator: set one up now (the API refuses her actions until then).
      setCode('');
      setStep('setup');
      try {
        setSetup(await fetchTotpSetup());
      } catch (error) {
        setSetupError(error);
      }
      return;
    }
    const coordinates = me.memberships.find((m) => m.role === 'coordinator');
    onLoggedIn(coordinates ? 'coordinator' : 'participant', coordinates?.programme);
  };

  const submitPassword = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: async (outcome) => {
        if (outcome === 'needs_code') {
          setStep('code');
          return;
        }
        await finish();
      },
    }),
  );
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (step === 'code') twoStep.mutate(code.trim(), { onSuccess: () => void finish() });
    else activate.mutate({ password: form.values.password, code: code.trim() }, { onSuccess: () => void finish() });
  };

  if (step !== 'password') {
    const pending = step === 'code' ? twoStep : activate;
    return (
      <Paper withBorder p="lg" maw={480} mx="auto">
        <form onSubmit={submitCode} noValidate>
          <Stack>
            <Title order={1} size="h2">
              {t(step === 'code' ? 'safety.twoStep.codeTitle' : 'safety.twoStep.setupTitle')}
            </Title>
            {Boolean(pending.error ?? setupError) && (
              <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
                {errorText(pending.error ?? setupError, t('common.error'))}
              </Alert>
            )}
            {step === 'code' ? (
              <Text>{t('safety.twoStep.codeIntro')}</Text>
            ) : (
              <>
                <Text>{t('safety.twoStep.setupIntro')}</Text>
                {setup && (
                  <>
                    {setup.totpUrl && <Anchor href={setup.totpUrl}>{t('safety.twoStep.setupLink')}</Anchor>}
                    <Text size="sm">{t('safety.twoStep.setupKey')}</Text>
                    <Code block dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                      {setup.secret}
                    </Code>
                  </>
                )}
              </>
            )}
            <TextInput
              label={t('safety.twoStep.code')}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              dir="ltr"
              required
              data-autofocus
              autoFocus
            />
            <Button type="submit" loading={pending.isPending} disabled={code.trim().length < 6}>
              {t(step === 'code' ? 'safety.twoStep.verify' : 'safety.twoStep.setupSubmit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="lg" maw={420} mx="auto">
      <form onSubmit={submitPassword} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('login.title')}
          </Title>
          {login.error && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {errorText(login.error, t('common.error'))}
            </Alert>
          )}
          <TextInput label={t('login.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordField
            label={t('login.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Anchor component={Link} to="/account/password/reset" size="sm" w="fit-content">
            {t('account.forgotLink')}
          </Anchor>
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
