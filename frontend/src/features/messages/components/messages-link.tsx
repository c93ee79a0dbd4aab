// The header's link to the messages, with the unread count written out (never shown by colour alone), like the
// notification bell: on a phone the word is only read out (global.css: .app-header-label), the icon and count shown.
import { Anchor, Badge, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { Link } from '@/lib/router';
import { useMessagesUnreadCount } from '../api/get-unread-count';

export function MessagesLink({ enabled = true }: { enabled?: boolean }) {
  const { t } = useTranslation();
  const unread = useMessagesUnreadCount(enabled);
  const count = unread.data ?? 0;
  return (
    <Anchor component={Link} to="/messages" data-testid="messages-link">
      <Group gap={4} wrap="nowrap" component="span">
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
        </svg>
        <span className="app-header-label">{t('inbox.title')}</span>
        {count > 0 && (
          <Badge size="sm" color="red.9" circle={count < 10} aria-hidden="true" data-testid="messages-unread-badge">
            {count > 99 ? `${formatNumber(99)}+` : formatNumber(count)}
          </Badge>
        )}
        {count > 0 && <VisuallyHidden>{t('inbox.unreadCount', { count })}</VisuallyHidden>}
      </Group>
    </Anchor>
  );
}
