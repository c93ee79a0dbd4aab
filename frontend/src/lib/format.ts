// Language names and lists in the interface language. Lists in the words and punctuation of the interface language ("A، وB، وC" in Arabic, "A, B und C" in German),
// never joined with an English comma. Components re-render on a language change (useTranslation), so reading the
// current language here is enough.
import i18n from 'i18next';
import { pseudoMark } from '@/i18n/pseudo';

export function formatList(items: readonly string[], language: string = i18n.resolvedLanguage ?? 'en'): string {
  const shown = items.filter((item) => item !== '');
  try {
    return pseudoMark(new Intl.ListFormat(language, { style: 'short', type: 'unit' }).format(shown));
  } catch {
    return pseudoMark(shown.join(', '));
  }
}

/** A language's name in the interface language ("ar" → "Arabisch" in German); the code when there is none. */
export function languageName(code: string, language: string = i18n.resolvedLanguage ?? 'en'): string {
  try {
    return pseudoMark(new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code);
  } catch {
    return code;
  }
}

// Numbers and dates, always through Intl in the interface language (digits, separators, month names and order
// as she reads them). One place, so that every page writes a date the same way.
function current(): string {
  return i18n.resolvedLanguage ?? 'en';
}

function asDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A day ("5 Dec 2026", "٥ ديسمبر ٢٠٢٦"): medium by default, long for what she must not misread (a deadline). */
export function formatDate(value: string | Date, style: 'medium' | 'long' = 'medium', language: string = current()): string {
  return pseudoMark(new Intl.DateTimeFormat(language, { dateStyle: style }).format(asDate(value)));
}

/** A day and a time of day. */
export function formatDateTime(value: string | Date, language: string = current()): string {
  return pseudoMark(new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(asDate(value)));
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}, language: string = current()): string {
  return new Intl.NumberFormat(language, options).format(value);
}

/** A share given as a fraction (0.25 → "25 %" in French, "25%" in English). */
export function formatPercent(fraction: number, language: string = current()): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** How long ago or from now ("2 hours ago", "yesterday", "in 3 days"), in the largest whole unit; "now" under a minute. */
export function formatRelativeTime(value: string | Date, now: Date = new Date(), language: string = current()): string {
  const seconds = (asDate(value).getTime() - now.getTime()) / 1000;
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return pseudoMark(relative.format(Math.round(seconds / size), unit));
  }
  return pseudoMark(relative.format(0, 'second'));
}
