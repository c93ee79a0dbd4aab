import type { components } from '@/api/schema';

export type ConversationKind = components['schemas']['ConversationOutputKindEnum'];
export type ConversationSummary = components['schemas']['ConversationOutput'];
export type Message = components['schemas']['MessageOutput'];
export type MessagePage = components['schemas']['MessagePageOutput'];

/** The route's :kind segment, checked ("match" or "group"); null for anything else. */
export function asConversationKind(value: string | undefined): ConversationKind | null {
  return value === 'match' || value === 'group' ? value : null;
}

/** Where one conversation is shown. */
export function conversationPath(kind: ConversationKind, id: string): string {
  return `/messages/${kind}/${id}`;
}

/** The longest message the composer accepts (the server checks it too). */
export const MAX_MESSAGE_LENGTH = 2000;

/** At most this many messages go with one safety report. */
export const MAX_REPORTED_MESSAGES = 20;
