import { Anchor, Box, Button, Container, Text, VisuallyHidden } from '@mantine/core';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from '@/lib/router';
import { useLogout, useMe, useSession } from '@/lib/auth';
import { LanguageSwitcher } from './language-switcher';

/** notifications: the header's notices link, shown when logged in; quickExit: the safety exit, on every page
 * (both composed by the app, since they are features).
 *
 * The page scrolls in its own box above a bar that holds the Quick exit: the exit has its place in the layout, so
 * it never lies over a control, whatever the width, direction or scroll. The frame's classes are styled in
 * index.html, where the server's painted shell uses them first.
 *
 * The header is one row at every width. On a phone (and a narrow tablet) it holds the name, the language (never
 * hidden: she may not read the language the page is in), the notices and a Menu button; the pages and the account
 * ("Log in" for a guest, also on the start page) open below it, right after the button in the reading order.
 * Wider, everything is in the row and the Menu button is not shown (global.css). */
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
  const menuButton = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  // A new page starts at its top (the browser would do this for a page that scrolled the window), with the menu shut.
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 });
    setMenuOpen(false);
  }, [pathname]);
  const isCoordinator = me.data?.memberships.some((m) => m.role === 'coordinator') ?? false;
  const isParticipant = me.data?.memberships.some((m) => m.role !== 'coordinator') ?? false;
  const isOrganisationAdmin = (me.data?.organisations?.length ?? 0) > 0;

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  }

  return (
    <div className="frame">
      <div className="app-scroll" ref={scroller}>
        <a href="#main" className="skip-link">
          {t('common.skipToContent')}
        </a>
        <Box component="header" className="app-header" onKeyDown={closeOnEscape}>
          <div className="app-header-row">
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="dark" className="app-brand">
              {t('common.appName')}
              <VisuallyHidden> – {t('common.tagline')}</VisuallyHidden>
            </Anchor>
            <button
              ref={menuButton}
              type="button"
              className="app-menu-button"
              aria-label={t('nav.menu')}
              aria-expanded={menuOpen}
              aria-controls="app-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              <MenuIcon open={menuOpen} />
              <span className="app-menu-label" aria-hidden="true">
                {t('nav.menu')}
              </span>
            </button>
            <div id="app-menu" className="app-menu" data-open={menuOpen || undefined}>
              <nav aria-label={t('common.mainNav')} className="app-nav">
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
                {isOrganisationAdmin && (
                  <Anchor component={Link} to="/organisations">
                    {t('nav.organisations')}
                  </Anchor>
                )}
                {!isCoordinator && (
                  <Anchor component={Link} to="/networks">
                    {t('nav.networks')}
                  </Anchor>
                )}
              </nav>
              {session.data ? (
                <div className="app-account">
                  <Text size="sm">{t('common.loggedInAs', { name: session.data.display })}</Text>
                  <Button
                    variant="outline"
                    size="xs"
                    loading={logout.isPending}
                    onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate('/') })}
                  >
                    {t('common.logout')}
                  </Button>
                </div>
              ) : (
                // Not on the login page itself (nor its second step, the code): a "Log in" there reads as if it failed.
                !onLoginPage && (
                  <div className="app-account">
                    <Button component={Link} to="/login" variant="outline" size="xs">
                      {t('common.login')}
                    </Button>
                  </div>
                )
              )}
            </div>
            <div className="app-header-tools">
              <LanguageSwitcher />
              {session.data && notifications}
            </div>
          </div>
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

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 6h16M4 12h16M4 18h16" />}
    </svg>
  );
}
