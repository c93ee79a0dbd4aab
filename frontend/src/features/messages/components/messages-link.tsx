// The header's link to the messages, with the unread count (components/header-count-link).
import { useTranslation } from 'react-i18next';
import { HeaderCountLink } from '@/components/header-count-link';
import { useMessagesUnreadCount } from '../api/get-unread-count';

export function MessagesLink({ enabled = true }: { enabled?: boolean }) {
  const { t } = useTranslation();
  const count = useMessagesUnreadCount(enabled).data ?? 0;
  return (
    <HeaderCountLink
      to="/messages"
      icon={<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />}
      label={t('inbox.title')}
      count={count}
      unreadLabel={t('inbox.unreadCount', { count })}
      testId="messages-link"
      badgeTestId="messages-unread-badge"
    />
  );
}
