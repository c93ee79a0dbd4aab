// The page an emailed confirmation link opens: it confirms the address at once and says so in plain words.
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { ErrorAlert, Loading } from '@/components/query-state';
import { useSession } from '@/lib/auth';
import { isBadKey } from '../api/allauth';
import { useVerifyEmail } from '../api/verify-email';

export function VerifyEmail({ verificationKey }: { verificationKey: string }) {
  const { t } = useTranslation();
  const verify = useVerifyEmail();
  const session = useSession();
  const sent = useRef<string | null>(null);
  const { mutate } = verify;

  useEffect(() => {
    // Once per key: a key works only once, so a second request (React's development double effects) would fail.
    if (sent.current === verificationKey) return;
    sent.current = verificationKey;
    mutate(verificationKey);
  }, [verificationKey, mutate]);

  const loggedIn = Boolean(session.data);
  const next = (
    <Button component={Link} to={loggedIn ? '/me' : '/login'} w="fit-content">
      {loggedIn ? t('account.verify.toMyPage') : t('login.submit')}
    </Button>
  );

  return (
    <Paper withBorder p="lg" maw={480} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('account.verify.title')}
        </Title>
        {(verify.isIdle || verify.isPending) && (
          <>
            <Text>{t('account.verify.checking')}</Text>
            <Loading />
          </>
        )}
        {verify.isSuccess && (
          <>
            <Alert color="green.9" role="status" title={t('account.verify.doneTitle')}>
              {t('account.verify.done')}
            </Alert>
            {next}
          </>
        )}
        {verify.isError &&
          (isBadKey(verify.error) ? (
            <>
              <Alert color="yellow.9" role="alert" title={t('account.verify.invalidTitle')}>
                {t('account.verify.invalid')}
              </Alert>
              {next}
            </>
          ) : (
            <ErrorAlert error={verify.error} onRetry={() => mutate(verificationKey)} />
          ))}
      </Stack>
    </Paper>
  );
}
