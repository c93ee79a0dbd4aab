// "Forgot your password?": she gives her address and gets a link by email. The answer is the same whether or not
// the address has an account, so the page never tells anyone who uses Bridges.
import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { ApiError } from '@/api/errors';
import { useRequestPasswordReset } from '../api/request-password-reset';

export function PasswordResetRequest() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('signup.emailInvalid')) },
  });

  useEffect(() => {
    if (sentTo) sentRef.current?.focus();
  }, [sentTo]);

  const submit = form.onSubmit(({ email }) => {
    setGeneral(null);
    request.mutate(email.trim(), {
      onSuccess: () => setSentTo(email.trim()),
      onError: (error) => {
        const field = error instanceof ApiError ? error.fieldErrors.email : undefined;
        if (field) form.setFieldError('email', field);
        else setGeneral(error instanceof ApiError && error.generalErrors.length ? error.generalErrors.join(' ') : t('common.error'));
      },
    });
  });

  if (sentTo)
    return (
      <Paper withBorder p="lg" maw={480} mx="auto">
        <Stack>
          <Title order={1} size="h2" ref={sentRef} tabIndex={-1}>
            {t('account.request.sentTitle')}
          </Title>
          <Alert color="green.9" role="status">
            {t('account.request.sent', { email: sentTo })}
          </Alert>
          <Text size="sm">{t('account.request.sentHint')}</Text>
          <Button
            variant="outline"
            w="fit-content"
            onClick={() => {
              request.reset();
              setSentTo(null);
            }}
          >
            {t('account.request.again')}
          </Button>
          <Anchor component={Link} to="/login">
            {t('account.backToLogin')}
          </Anchor>
        </Stack>
      </Paper>
    );

  return (
    <Paper withBorder p="lg" maw={480} mx="auto">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('account.request.title')}
          </Title>
          <Text>{t('account.request.intro')}</Text>
          {general && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {general}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="email"
            dir="ltr"
            required
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={request.isPending}>
            {t('account.request.submit')}
          </Button>
          <Anchor component={Link} to="/login">
            {t('account.backToLogin')}
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
