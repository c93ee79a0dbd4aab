// The header's link to the notices, with the unread count (components/header-count-link).
import { useTranslation } from 'react-i18next';
import { HeaderCountLink } from '@/components/header-count-link';
import { useUnreadCount } from '../api/get-unread-count';

export function NotificationBell({ enabled = true }: { enabled?: boolean }) {
  const { t } = useTranslation();
  const count = useUnreadCount(enabled).data ?? 0;
  return (
    <HeaderCountLink
      to="/notifications"
      icon={
        <>
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </>
      }
      label={t('notifications.title')}
      count={count}
      unreadLabel={t('notifications.unreadCount', { count })}
      testId="notification-bell"
      badgeTestId="unread-badge"
    />
  );
}
