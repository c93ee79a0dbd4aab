// Her notices, newest first: unread ones are marked in words, each can be marked read, or all at once.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import type { components } from '@/api/schema';
import { QueryState } from '@/components/query-state';
import { useNotifications } from '../api/get-notifications';
import { useMarkAllRead, useMarkRead } from '../api/mark-read';
import { formatDateTime, formatRelativeTime } from '@/lib/format';

type Notification = components['schemas']['NotificationOutput'];

/** Where a notice leads: her matches for anything about a pairing, the dashboard for a finished run. */
function destination(notification: Notification): string | null {
  if (notification.kind === 'run_finished') return notification.programme ? `/coordinator/${notification.programme}` : '/coordinator';
  if (notification.kind.startsWith('offer_') || notification.kind.startsWith('match_') || notification.kind === 'mentor_verified')
    return '/me';
  return null;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** "2 hours ago" for the last week's notices, the date and time for older ones (the exact time is in the title). */
function whenSent(createdAt: string): string {
  const age = Date.now() - new Date(createdAt).getTime();
  return age >= 0 && age < WEEK_MS ? formatRelativeTime(createdAt) : formatDateTime(createdAt);
}

export function NotificationList() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const error = markRead.error ?? markAll.error;
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('notifications.title')}
      </Title>
      {error && (
        <Alert color="red.9" role="alert">
          {error.message}
        </Alert>
      )}
      <QueryState query={notifications} isEmpty={(list) => list.length === 0} empty={t('notifications.none')}>
        {(list) => (
          <Stack>
            {list.some((n) => !n.read) && (
              <Button variant="outline" w="fit-content" loading={markAll.isPending} onClick={() => markAll.mutate()}>
                {t('notifications.markAllRead')}
              </Button>
            )}
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.map((notification) => {
                const link = destination(notification);
                return (
                  <Card
                    component="li"
                    key={notification.id}
                    withBorder
                    data-testid="notification"
                    style={notification.read ? undefined : { borderInlineStart: '4px solid var(--mantine-color-blue-8)' }}
                  >
                    <Stack gap={4}>
                      <Group justify="space-between" wrap="wrap" gap="xs">
                        <Text fw={notification.read ? 500 : 700}>{notification.subject}</Text>
                        {!notification.read && (
                          <Badge variant="light" c="dark.9">
                            {t('notifications.new')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dark.6" component="time" dateTime={notification.created_at} title={formatDateTime(notification.created_at)}>
                        {whenSent(notification.created_at)}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }} dir="auto">
                        {notification.body}
                      </Text>
                      <Group gap="sm">
                        {link && (
                          <Anchor component={Link} to={link} size="sm" onClick={() => !notification.read && markRead.mutate(notification.id)}>
                            {t('notifications.open')}
                          </Anchor>
                        )}
                        {!notification.read && (
                          <Button
                            size="xs"
                            variant="outline"
                            loading={markRead.isPending && markRead.variables === notification.id}
                            onClick={() => markRead.mutate(notification.id)}
                          >
                            {t('notifications.markRead')}
                          </Button>
                        )}
                      </Group>
                    </Stack>
                  </Card>
                );
              })}
            </Stack>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
