// One conversation: its title, the messages with the newest at the bottom and older ones loaded on request, a
// safety note while nothing has been written yet, and the composer (or, when she cannot write here, why).
// The newest message shown marks the conversation read; the page asks again every 30 seconds while visible.
import { Alert, Anchor, Button, Center, List, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '@/components/query-state';
import { Link } from '@/lib/router';
import { useConversations } from '../api/get-conversations';
import { useMessages } from '../api/get-messages';
import { useMarkConversationRead } from '../api/mark-read';
import type { ConversationKind, Message } from '../kinds';
import { Composer } from './composer';
import { FirstMeeting } from './first-meeting';
import { MessageBubble } from './message-bubble';
import { ReportMessageDialog } from './report-message-dialog';

function SafetyNote() {
  const { t } = useTranslation();
  return (
    <Alert color="blue.8" variant="light" title={t('messages.safety.title')} data-testid="safety-note">
      <List size="sm" spacing={4}>
        <List.Item>{t('messages.safety.address')}</List.Item>
        <List.Item>{t('messages.safety.meet')}</List.Item>
        <List.Item>{t('messages.safety.report')}</List.Item>
      </List>
    </Alert>
  );
}

function useTitle(kind: ConversationKind, id: string): { title: string; programme: string } {
  const { t } = useTranslation();
  const conversations = useConversations({ poll: false });
  const entry = conversations.data?.results.find((c) => c.kind === kind && c.id === id);
  const fallback = t(kind === 'match' ? 'messages.list.untitledMatch' : 'messages.list.untitledGroup');
  return { title: entry?.title || fallback, programme: entry?.programme_name ?? '' };
}

/** Marks the conversation read up to the newest message once it is on screen (and the tab is visible). */
function useMarkReadOnShow(kind: ConversationKind, id: string, newest: Message | undefined) {
  const markRead = useMarkConversationRead(kind, id);
  const marked = useRef<string | null>(null);
  const mutate = markRead.mutate;
  useEffect(() => {
    if (!newest || marked.current === newest.id) return;
    const mark = () => {
      if (document.visibilityState === 'hidden' || marked.current === newest.id) return;
      marked.current = newest.id;
      mutate(newest.id);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [newest, mutate]);
}

/** One conversation's page; another conversation starts afresh (its own scroll, focus and read marks). */
export function Conversation({ kind, id }: { kind: ConversationKind; id: string }) {
  return <ConversationView key={`${kind}/${id}`} kind={kind} id={id} />;
}

function ConversationView({ kind, id }: { kind: ConversationKind; id: string }) {
  const { t } = useTranslation();
  const { title, programme } = useTitle(kind, id);
  const query = useMessages(kind, id);
  const [reporting, setReporting] = useState<Message | null>(null);
  const newestRef = useRef<HTMLLIElement>(null);
  const firstOlderRef = useRef<HTMLLIElement>(null);
  // Set on "load older": the oldest message she had, and how many pages there were then.
  const [focusOlder, setFocusOlder] = useState<{ id: string; pages: number } | null>(null);
  const scrolled = useRef(false);

  const pages = query.data?.pages;
  const latest = pages?.[0];
  // Oldest first on screen, once each (a message may sit on two pages after a refetch).
  const messages = useMemo(() => {
    const seen = new Set<string>();
    const all: Message[] = [];
    for (const page of pages ?? []) for (const m of page.results) if (!seen.has(m.id) && seen.add(m.id)) all.push(m);
    return all.reverse();
  }, [pages]);
  const newest = messages.at(-1);
  useMarkReadOnShow(kind, id, newest);

  // A message that arrives while she is here is read out (the list itself is not a live region: older pages would be too).
  const [arrived, setArrived] = useState('');
  const lastNewest = useRef<string | null>(null);
  useEffect(() => {
    if (!newest) return;
    if (lastNewest.current !== null && lastNewest.current !== newest.id && !newest.mine && !newest.deleted)
      setArrived(t('messages.conversation.arrived', { name: newest.sender }));
    lastNewest.current = newest.id;
  }, [newest, t]);

  // Her newest message, to say "Seen" under it when the other person has read that far.
  const myLast = [...messages].reverse().find((m) => m.mine && !m.deleted);
  const seenUpTo = latest?.seen_up_to ? new Date(latest.seen_up_to).getTime() : null;
  const seenId = myLast && seenUpTo !== null && seenUpTo >= new Date(myLast.sent_at).getTime() ? myLast.id : null;

  // On first showing, the newest message is brought into view (the page starts at the top on a phone).
  useEffect(() => {
    if (!scrolled.current && newest) {
      scrolled.current = true;
      newestRef.current?.scrollIntoView({ block: 'end' });
    }
  }, [newest]);

  // After "load older": the focus goes to the newest of the older messages (just above the ones she had read).
  const anchor = focusOlder ? messages.findIndex((m) => m.id === focusOlder.id) : -1;
  const focusTarget = anchor > 0 ? messages[anchor - 1]?.id : undefined;
  const pageCount = pages?.length ?? 0;
  const olderFailed = query.isFetchNextPageError;
  useEffect(() => {
    if (!focusOlder) return;
    if (pageCount > focusOlder.pages) {
      firstOlderRef.current?.focus();
      setFocusOlder(null);
    } else if (olderFailed) setFocusOlder(null);
  }, [focusOlder, pageCount, olderFailed]);

  const loadOlder = () => {
    const oldest = messages[0];
    if (oldest) setFocusOlder({ id: oldest.id, pages: pageCount });
    void query.fetchNextPage();
  };

  return (
    <Stack maw={720} gap="md">
      <Anchor component={Link} to="/messages" size="sm" w="fit-content">
        {t('messages.conversation.back')}
      </Anchor>
      <div>
        <Title order={1} size="h2" dir="auto">
          {title}
        </Title>
        {programme && (
          <Text size="sm" c="dark.6" dir="auto">
            {programme}
          </Text>
        )}
      </div>
      {query.isPending ? (
        <Loading />
      ) : !latest ? (
        // Only when nothing could be loaded: a failed poll keeps the messages she has on screen.
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {query.hasNextPage && (
            <Center>
              <Button variant="default" mih={44} onClick={loadOlder} loading={query.isFetchingNextPage}>
                {t('messages.conversation.older')}
              </Button>
            </Center>
          )}
          {messages.length === 0 ? (
            <>
              <Text c="dark.7">{t('messages.conversation.empty')}</Text>
              <SafetyNote />
            </>
          ) : (
            <Stack
              component="ol"
              gap="sm"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={t('messages.conversation.listLabel')}
            >
              {messages.map((message) => (
                <MessageBubble
                  key={message.id}
                  ref={message.id === newest?.id ? newestRef : message.id === focusTarget ? firstOlderRef : undefined}
                  message={message}
                  seen={message.id === seenId}
                  onReport={setReporting}
                />
              ))}
            </Stack>
          )}
          {latest.can_write ? (
            <Composer kind={kind} id={id} onSent={() => newestRef.current?.scrollIntoView({ block: 'nearest' })} />
          ) : (
            <Alert color="gray.7" variant="light" data-testid="closed-reason">
              <Text size="sm" dir="auto">
                {latest.closed_reason || t('messages.conversation.closed')}
              </Text>
            </Alert>
          )}
          {kind === 'match' && <FirstMeeting matchId={id} />}
        </>
      )}
      <VisuallyHidden aria-live="polite">{arrived}</VisuallyHidden>
      <ReportMessageDialog kind={kind} id={id} message={reporting} messages={messages} onClose={() => setReporting(null)} />
    </Stack>
  );
}
