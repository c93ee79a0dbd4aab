// The page an emailed reset link opens: the key is checked first, then she chooses a new password. allauth's
// words about the password appear under the field; a used or old link says so and offers a new one.
import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { ApiError } from '@/api/errors';
import { ErrorAlert, Loading } from '@/components/query-state';
import { isBadKey } from '../api/allauth';
import { usePasswordResetKey } from '../api/get-password-reset-key';
import { useResetPassword } from '../api/reset-password';
import { PasswordField } from '@/components/password-field';

const MIN_LENGTH = 10;

function Frame({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="lg" maw={480} mx="auto">
      {children}
    </Paper>
  );
}

function Outcome({ kind }: { kind: 'invalid' | 'done' }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Frame>
      <Stack>
        <Title order={1} size="h2" ref={heading} tabIndex={-1}>
          {t(kind === 'done' ? 'account.reset.doneTitle' : 'account.reset.invalidTitle')}
        </Title>
        <Alert color={kind === 'done' ? 'green.9' : 'yellow.9'} role={kind === 'done' ? 'status' : 'alert'}>
          {t(kind === 'done' ? 'account.reset.done' : 'account.reset.invalid')}
        </Alert>
        {kind === 'done' ? (
          <Button component={Link} to="/login" w="fit-content">
            {t('login.submit')}
          </Button>
        ) : (
          <Button component={Link} to="/account/password/reset" w="fit-content">
            {t('account.reset.askAgain')}
          </Button>
        )}
      </Stack>
    </Frame>
  );
}

export function PasswordResetForm({ resetKey }: { resetKey: string }) {
  const { t } = useTranslation();
  const check = usePasswordResetKey(resetKey);
  const reset = useResetPassword();
  const [keyRefused, setKeyRefused] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (value) => (value.length >= MIN_LENGTH ? null : t('signup.passwordShort')),
      confirm: (value, values) => (value === values.password ? null : t('account.reset.mismatch')),
    },
  });

  if (reset.isSuccess) return <Outcome kind="done" />;
  if (check.isPending) return <Loading />;
  if (keyRefused || isBadKey(check.error)) return <Outcome kind="invalid" />;
  if (check.error) return <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />;

  const submit = form.onSubmit(({ password }) => {
    setGeneral(null);
    reset.mutate(
      { key: resetKey, password },
      {
        onError: (error) => {
          if (isBadKey(error)) {
            setKeyRefused(true);
            return;
          }
          const field = error instanceof ApiError ? error.fieldErrors.password : undefined;
          if (field) form.setFieldError('password', field);
          else setGeneral(error instanceof ApiError && error.generalErrors.length ? error.generalErrors.join(' ') : t('common.error'));
        },
      },
    );
  });

  return (
    <Frame>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('account.reset.title')}
          </Title>
          <Text>{t('account.reset.intro')}</Text>
          {general && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {general}
            </Alert>
          )}
          <PasswordField
            label={t('account.reset.password')}
            description={t('signup.passwordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordField
            label={t('account.reset.confirm')}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={reset.isPending}>
            {t('account.reset.submit')}
          </Button>
          <Anchor component={Link} to="/login">
            {t('account.backToLogin')}
          </Anchor>
        </Stack>
      </form>
    </Frame>
  );
}
