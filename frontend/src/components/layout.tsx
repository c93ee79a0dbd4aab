import { Anchor, Box, Button, Container, Group, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe, useSession } from '@/lib/auth';
import { LanguageSwitcher } from './language-switcher';

/** notifications: the header's notices link, shown when logged in; quickExit: the safety exit, on every page
 * (both composed by the app, since they are features).
 *
 * The page scrolls in its own box above a bar that holds the Quick exit: the exit has its place in the layout, so
 * it never lies over a control, whatever the width, direction or scroll. The frame's classes are styled in
 * index.html, where the server's painted shell uses them first. */
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
  const { pathname } = useLocation();
  const onLoginPage = pathname === '/login';
  const scroller = useRef<HTMLDivElement>(null);
  // A new page starts at its top (the browser would do this for a page that scrolled the window).
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 });
  }, [pathname]);
  const isCoordinator = me.data?.memberships.some((m) => m.role === 'coordinator') ?? false;
  const isParticipant = me.data?.memberships.some((m) => m.role !== 'coordinator') ?? false;

  return (
    <div className="frame">
      <div className="app-scroll" ref={scroller}>
        <a href="#main" className="skip-link">
          {t('common.skipToContent')}
        </a>
        <Box component="header" className="app-header" px="md" py="xs">
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
        </Box>
        {/* The page's one <main>; this is where "skip to content" lands. */}
        <main id="main" tabIndex={-1}>
          <Container size="lg" pt="md" pb="xl">
            {children}
          </Container>
        </main>
      </div>
      {/* Safety: the quick exit (features/safety, composed by the app) is on every page, in its own bar. */}
      <div className="quick-exit-bar">{quickExit}</div>
    </div>
  );
}
