// The header's link to the notices, with the unread count written out (never shown by colour alone). On a phone
// the word is only read out (global.css: .app-header-label), the bell and the count are shown.
import { Anchor, Badge, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { useUnreadCount } from '../api/get-unread-count';

export function NotificationBell({ enabled = true }: { enabled?: boolean }) {
  const { t } = useTranslation();
  const unread = useUnreadCount(enabled);
  const count = unread.data ?? 0;
  return (
    <Anchor component={Link} to="/notifications" data-testid="notification-bell">
      <Group gap={4} wrap="nowrap" component="span">
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="app-header-label">{t('notifications.title')}</span>
        {count > 0 && (
          <Badge size="sm" color="red.9" circle={count < 10} aria-hidden="true" data-testid="unread-badge">
            {count > 99 ? '99+' : count}
          </Badge>
        )}
        {count > 0 && <VisuallyHidden>{t('notifications.unreadCount', { count })}</VisuallyHidden>}
      </Group>
    </Anchor>
  );
}
