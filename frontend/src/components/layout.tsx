import { Anchor, AppShell, Button, Container, Group, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe, useSession } from '@/lib/auth';
import { LanguageSwitcher } from './language-switcher';

/** notifications: the header's notices link, shown when logged in; quickExit: the safety exit, on every page
 * (both composed by the app, since they are features). */
export function Layout({
  children,
  notifications,
  quickExit,
}: {
  children: ReactNode;
  notifications?: ReactNode;
  quickExit?: ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe(Boolean(session.data));
  const logout = useLogout();
  const navigate = useNavigate();
  const onLoginPage = useLocation().pathname === '/login';
  const isCoordinator = me.data?.memberships.some((m) => m.role === 'coordinator') ?? false;
  const isParticipant = me.data?.memberships.some((m) => m.role !== 'coordinator') ?? false;

  return (
    <AppShell header={{ height: { base: 'auto' } }} padding={0}>
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      {/* Safety: the quick exit (features/safety, composed by the app) is on every page. */}
      {quickExit}
      <AppShell.Header pos="static" px="md" py="xs">
        <Group justify="space-between" align="end" wrap="wrap" gap="xs">
          <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="dark">
            {t('common.appName')}
            <VisuallyHidden> – {t('common.tagline')}</VisuallyHidden>
          </Anchor>
          <Group component="nav" aria-label={t('common.mainNav')} gap="sm" wrap="wrap" align="end">
            {isParticipant && (
              <Anchor component={Link} to="/me">
                {t('nav.myPage')}
              </Anchor>
            )}
            {isCoordinator && (
              <Anchor component={Link} to="/coordinator">
                {t('nav.dashboard')}
              </Anchor>
            )}
            {!isCoordinator && (
              <Anchor component={Link} to="/networks">
                {t('peers.nav.networks')}
              </Anchor>
            )}
            <LanguageSwitcher />
            {session.data && notifications}
            {session.data ? (
              <Group gap="xs" align="center">
                <Text size="sm">{t('common.loggedInAs', { name: session.data.display })}</Text>
                <Button
                  variant="outline"
                  size="xs"
                  loading={logout.isPending}
                  onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate('/') })}
                >
                  {t('common.logout')}
                </Button>
              </Group>
            ) : (
              // Not on the login page itself (nor its second step, the code): a "Log in" there reads as if it failed.
              !onLoginPage && (
                <Button component={Link} to="/login" variant="outline" size="xs">
                  {t('common.login')}
                </Button>
              )
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {/* AppShell.Main is the page's one <main>; this is where "skip to content" lands. */}
        <Container size="lg" pt="md" pb={72} id="main" tabIndex={-1}>
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
