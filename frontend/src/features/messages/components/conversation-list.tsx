// Her conversations, the most recent first: who (the other person's first name, or the group's name), the
// programme, how many messages wait (in words, not by colour alone) and when the last one came; then her choices
// about emails and "seen".
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { formatDateTime } from '@/lib/format';
import { Link } from '@/lib/router';
import { useConversations } from '../api/get-conversations';
import { type ConversationSummary, conversationPath } from '../kinds';
import { MessagingSettingsForm } from './messaging-settings';

function ConversationCard({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const title =
    conversation.title || t(conversation.kind === 'match' ? 'messages.list.untitledMatch' : 'messages.list.untitledGroup');
  const unread = conversation.unread;
  return (
    <Card
      component="li"
      withBorder
      data-testid="conversation"
      style={unread > 0 ? { borderInlineStart: '4px solid var(--mantine-color-blue-8)' } : undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" dir="auto">
            <Anchor component={Link} to={conversationPath(conversation.kind, conversation.id)} inherit>
              {title}
            </Anchor>
          </Title>
          {unread > 0 && (
            <Badge variant="light" c="dark.9" data-testid="conversation-unread">
              {t('messages.list.unread', { count: unread })}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dark.7" dir="auto">
          {t(conversation.kind === 'match' ? 'messages.list.kindMatch' : 'messages.list.kindGroup', {
            programme: conversation.programme_name,
          })}
        </Text>
        <Text size="xs" c="dark.6">
          {conversation.last_message_at ? (
            <>
              {t('messages.list.last')}{' '}
              <time dateTime={conversation.last_message_at}>{formatDateTime(conversation.last_message_at)}</time>
            </>
          ) : (
            t('messages.list.noMessages')
          )}
        </Text>
        {!conversation.can_write && (
          <Text size="xs" c="dark.7">
            {t('messages.list.readOnly')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function ConversationList() {
  const { t } = useTranslation();
  const conversations = useConversations();
  return (
    <Stack maw={720} gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('messages.title')}
        </Title>
        <Text size="sm" c="dark.7">
          {t('messages.list.intro')}
        </Text>
      </Stack>
      <QueryState query={conversations} isEmpty={(data) => data.results.length === 0} empty={t('messages.list.empty')}>
        {(data) => (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('messages.list.label')}>
            {data.results.map((conversation) => (
              <ConversationCard key={`${conversation.kind}-${conversation.id}`} conversation={conversation} />
            ))}
          </Stack>
        )}
      </QueryState>
      <MessagingSettingsForm />
    </Stack>
  );
}
