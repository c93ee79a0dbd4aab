import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/errors';
import { meQueryKey, useLogin } from '@/lib/auth';

export type LoggedInRole = 'coordinator' | 'participant';

export function LoginForm({ onLoggedIn }: { onLoggedIn: (role: LoggedInRole, programmeId?: string) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.includes('@') ? null : t('signup.emailInvalid')),
      password: (value) => (value ? null : t('signup.required')),
    },
  });

  const submit = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: async () => {
        const me = await queryClient.fetchQuery({
          queryKey: meQueryKey,
          queryFn: async () => unwrap(await api.GET('/api/v1/me/')),
        });
        const coordinates = me.memberships.find((m) => m.role === 'coordinator');
        onLoggedIn(coordinates ? 'coordinator' : 'participant', coordinates?.programme);
      },
    }),
  );

  return (
    <Paper withBorder p="lg" maw={420} mx="auto">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('login.title')}
          </Title>
          {login.error && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {login.error instanceof ApiError && login.error.errors.length
                ? login.error.errors.map((e) => e.detail).join(' ')
                : t('common.error')}
            </Alert>
          )}
          <TextInput label={t('login.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
