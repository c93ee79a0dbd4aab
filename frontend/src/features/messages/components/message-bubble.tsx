// One message: her own at the inline end, the others' at the inline start (mirrored in Arabic), the text as plain
// text with dir="auto" (a message in Arabic with a Latin name in it reads right), never a clickable link, and a
// short warning under any message that contains one.
import { Box, Button, Group, Paper, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../kinds';
import { containsLink } from '../links';
import { formatSentAt } from './sent-at';

export function MessageBubble({
  message,
  seen = false,
  onReport,
  ref,
}: {
  message: Message;
  /** Shown under her newest message once the other person has read it (only when both show it). */
  seen?: boolean;
  /** Offered on another person's message. */
  onReport?: (message: Message) => void;
  ref?: Ref<HTMLLIElement>;
}) {
  const { t } = useTranslation();
  const mine = message.mine;
  const hasLink = !message.deleted && containsLink(message.text);
  return (
    <Box
      component="li"
      ref={ref}
      tabIndex={-1}
      data-testid="message"
      data-mine={mine || undefined}
      style={{
        maxWidth: 'min(85%, 36rem)',
        marginInlineStart: mine ? 'auto' : 0,
        marginInlineEnd: mine ? 0 : 'auto',
        outlineOffset: 2,
      }}
    >
      <Paper
        withBorder
        radius="md"
        p="xs"
        bg={mine ? 'blue.0' : 'gray.0'}
        c="dark.9"
        style={{ borderColor: mine ? 'var(--mantine-color-blue-3)' : 'var(--mantine-color-gray-4)' }}
      >
        {mine ? (
          <Text size="xs" fw={700} c="dark.7">
            {t('messages.message.you')}
          </Text>
        ) : (
          message.sender && (
            <Text size="xs" fw={700} c="dark.7" dir="auto">
              {message.sender}
            </Text>
          )
        )}
        {message.deleted ? (
          <Text size="sm" fs="italic" c="dark.6">
            {t('messages.message.deleted')}
          </Text>
        ) : (
          <Text size="sm" dir="auto" data-testid="message-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.text}
          </Text>
        )}
        {hasLink && (
          <Text size="xs" c="dark.7" mt={4} data-testid="link-warning">
            <span aria-hidden="true">⚠ </span>
            {t('messages.message.linkWarning')}
          </Text>
        )}
        <Group justify="space-between" gap="xs" mt={4} wrap="wrap">
          <Text size="xs" c="dark.6" component="time" dateTime={message.sent_at}>
            {formatSentAt(message.sent_at)}
          </Text>
          {onReport && !mine && !message.deleted && (
            <Button
              variant="subtle"
              color="red.9"
              c="red.9"
              size="compact-sm"
              onClick={() => onReport(message)}
              aria-label={message.sender ? t('messages.message.reportFrom', { name: message.sender }) : t('messages.message.reportThis')}
            >
              {t('messages.message.report')}
            </Button>
          )}
        </Group>
      </Paper>
      {seen && (
        <Text size="xs" c="dark.6" ta="end" mt={2} data-testid="seen">
          {t('messages.message.seen')}
        </Text>
      )}
    </Box>
  );
}
