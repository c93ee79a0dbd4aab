// The page an invitation's link opens (issue 15): what it invites to, then the way in that fits her — a new account
// for the invited address (the sign-up form, composed by the route), logging in with the account she has, or, logged
// in with that account, joining at once. A link that is unknown, revoked or expired gets one plain page.
import { Alert, Button, Paper, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { ErrorAlert, Loading } from '@/components/query-state';
import { LinkNotValid } from '@/components/link-not-valid';
import { PasswordField } from '@/components/password-field';
import { isolate } from '@/components/local-text';
import { Link } from '@/lib/router';
import { useLogout, useSession } from '@/lib/auth';
import { type InvitationAcceptInput, type InvitationPreview, useAcceptInvitation, useInvitationPreview } from '../api/invitations';

export type InvitedJoin = {
  preview: InvitationPreview;
  loggedIn: boolean;
  submit: (body: InvitationAcceptInput) => Promise<unknown>;
};

function NotValid({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  return (
    <LinkNotValid
      title={t(expired ? 'invitations.landing.expiredTitle' : 'invitations.landing.invalidTitle')}
      text={t(expired ? 'invitations.landing.expired' : 'invitations.landing.invalid')}
      home={t('invitations.landing.home')}
    />
  );
}

function Heading({ preview }: { preview: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const until = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' }).format(new Date(preview.expires_at));
  return (
    <Stack gap="xs">
      <Title order={1} size="h2">
        {t('invitations.landing.title', { programme: isolate(preview.programme_name) })}
      </Title>
      <Text>
        {t(`invitations.landing.invites.${preview.role}`, {
          organisation: isolate(preview.organisation_name),
          programme: isolate(preview.programme_name),
        })}
      </Text>
      <Text size="sm" c="gray.7">
        {t('invitations.landing.until', { date: until })}
      </Text>
    </Stack>
  );
}

/** A co-coordinator's new account: a name and a password (no profile: coordinators are not matched). */
function CoordinatorAccount({ preview, submit }: { preview: InvitationPreview; submit: InvitedJoin['submit'] }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setPending(true);
    submit({ account: { display_name: name.trim(), password, preferred_language: (i18n.resolvedLanguage ?? 'en') as 'en' } })
      .catch(setError)
      .finally(() => setPending(false));
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <TextInput label={t('signup.email')} value={preview.email_hint} readOnly disabled dir="ltr" />
        <TextInput label={t('signup.displayName')} autoComplete="given-name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <PasswordField
          label={t('signup.password')}
          description={t('signup.passwordHint')}
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        {error !== null && <ErrorAlert error={error} />}
        <Button type="submit" loading={pending} w="fit-content">
          {t('invitations.landing.createAndJoin')}
        </Button>
      </Stack>
    </form>
  );
}

export function InvitationLanding({
  token,
  renderSignUp,
  renderLogin,
  onJoined,
}: {
  token: string;
  /** The sign-up form of a participant role (the route composes the signup or peers feature's form). */
  renderSignUp: (join: InvitedJoin) => ReactNode;
  renderLogin: () => ReactNode;
  onJoined: (preview: InvitationPreview) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const preview = useInvitationPreview(token, session.data?.id ?? '');
  const accept = useAcceptInvitation(token);
  const logout = useLogout();
  const [way, setWay] = useState<'new' | 'account'>('new');

  if (preview.isPending || session.isPending) return <Loading />;
  if (preview.isError) {
    const error = preview.error;
    return <NotValid expired={error instanceof ApiError && error.status === 410} />;
  }
  const data = preview.data;
  const loggedIn = Boolean(session.data);
  const submit = (body: InvitationAcceptInput) => accept.mutateAsync(body).then(() => onJoined(data));
  const join: InvitedJoin = { preview: data, loggedIn, submit };

  let body: ReactNode;
  if (data.joined) {
    body = (
      <Alert color="green.9" title={t('invitations.landing.usedTitle')}>
        <Stack gap="xs">
          <Text size="sm">{t('invitations.landing.used')}</Text>
          <Button component={Link} to={loggedIn ? '/me' : '/login'} variant="light" w="fit-content">
            {t(loggedIn ? 'invitations.landing.myPage' : 'invitations.landing.login')}
          </Button>
        </Stack>
      </Alert>
    );
  } else if (loggedIn && data.for_you === false) {
    body = (
      <Alert color="yellow" title={t('invitations.landing.otherAccountTitle')} role="alert">
        <Stack gap="xs">
          <Text size="sm">{t('invitations.landing.otherAccount', { email: data.email_hint })}</Text>
          <Button variant="outline" w="fit-content" loading={logout.isPending} onClick={() => logout.mutate()}>
            {t('invitations.landing.logout')}
          </Button>
        </Stack>
      </Alert>
    );
  } else if (loggedIn) {
    body =
      data.role === 'coordinator' ? (
        <Stack>
          <Text>{t('invitations.landing.joinWithAccount')}</Text>
          {accept.isError && <ErrorAlert error={accept.error} />}
          <Button w="fit-content" loading={accept.isPending} onClick={() => void submit({}).catch(() => undefined)}>
            {t('invitations.landing.join', { programme: isolate(data.programme_name), role: t(`invitations.roles.${data.role}`) })}
          </Button>
        </Stack>
      ) : (
        <Stack>
          <Text>{t('invitations.landing.profileFirst')}</Text>
          {renderSignUp(join)}
        </Stack>
      );
  } else {
    body = (
      <Stack>
        <Tabs value={way} onChange={(value) => setWay(value === 'account' ? 'account' : 'new')} keepMounted={false}>
          <Tabs.List grow>
            <Tabs.Tab value="new">{t('invitations.landing.newHere')}</Tabs.Tab>
            <Tabs.Tab value="account">{t('invitations.landing.haveAccount')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="new" pt="md">
            {data.role === 'coordinator' ? <CoordinatorAccount preview={data} submit={submit} /> : renderSignUp(join)}
          </Tabs.Panel>
          <Tabs.Panel value="account" pt="md">
            <Stack>
              <Text size="sm">{t('invitations.landing.loginFirst', { email: data.email_hint })}</Text>
              {renderLogin()}
            </Stack>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    );
  }
  return (
    <Stack maw={720} mx="auto" gap="lg">
      <Heading preview={data} />
      {body}
    </Stack>
  );
}

/** After a co-coordinator joined: coordinators log in with two-step verification, so she logs in again to set it up. */
export function CoordinatorJoined({ programmeName }: { programmeName: string }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Paper withBorder p="lg" maw={560} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('invitations.landing.coordinatorJoinedTitle', { programme: isolate(programmeName) })}
        </Title>
        <Text>{t('invitations.landing.coordinatorJoined')}</Text>
        <Button
          w="fit-content"
          loading={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSettled: () => globalThis.location.assign('/login') })}
        >
          {t('invitations.landing.login')}
        </Button>
      </Stack>
    </Paper>
  );
}
