// The query keys of the messages feature; invalidating messagesQueryKey refreshes all of them.
import type { ConversationKind } from '../kinds';

export const messagesQueryKey = ['messages'] as const;
export const conversationsQueryKey = [...messagesQueryKey, 'conversations'] as const;
export const messagesUnreadQueryKey = [...messagesQueryKey, 'unread'] as const;
export const messagingSettingsQueryKey = [...messagesQueryKey, 'settings'] as const;
export const conversationQueryKey = (kind: ConversationKind, id: string) => [...messagesQueryKey, 'thread', kind, id] as const;

/** How often an open page asks again (a 304 when nothing changed); paused while the tab is hidden. */
export const POLL_MS = 30_000;
