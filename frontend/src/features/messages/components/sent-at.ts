// When a message was sent, in her language: the time of day for today's, the day and time for older ones.
import i18n from 'i18next';
import { pseudoMark } from '@/i18n/pseudo';

export function formatSentAt(value: string, now: Date = new Date(), language: string = i18n.resolvedLanguage ?? 'en'): string {
  const sent = new Date(value);
  const today = sent.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  return pseudoMark(new Intl.DateTimeFormat(language, options).format(sent));
}
