import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatList, formatNumber, formatPercent, formatRelativeTime } from './format';

describe('formatList', () => {
  it('lists in the punctuation and words of each interface language', () => {
    expect(formatList(['A', 'B', 'C'], 'en')).toBe('A, B, C');
    expect(formatList(['A', 'B', 'C'], 'ar')).toContain('،');
    expect(formatList(['A', 'B', 'C'], 'ar')).not.toContain(',');
    expect(formatList(['A', 'B', 'C'], 'de')).toBe('A, B und C');
    expect(formatList(['A', 'B'], 'uk')).toBe('A і B');
  });

  it('leaves out empty items and answers an empty text for none', () => {
    expect(formatList(['A', '', 'B'], 'en')).toBe('A, B');
    expect(formatList([], 'en')).toBe('');
  });
});

describe('numbers and dates', () => {
  const day = new Date('2026-03-07T14:05:00Z');

  it('writes a day in the order and words of each language', () => {
    expect(formatDate(day, 'long', 'en')).toBe('March 7, 2026');
    expect(formatDate(day, 'long', 'de')).toBe('7. März 2026');
    expect(formatDate(day, 'long', 'fr')).toBe('7 mars 2026');
    expect(formatDate(day, 'long', 'uk')).toContain('березня');
    expect(formatDate(day, 'long', 'ar')).toContain('مارس');
    expect(formatDateTime(day, 'de')).toMatch(/07\.03\.2026/);
  });

  it('groups digits and writes shares as each language does', () => {
    expect(formatNumber(1234.5, {}, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, {}, 'de')).toBe('1.234,5');
    expect(formatPercent(0.25, 'en')).toBe('25%');
    expect(formatPercent(0.25, 'fr')).toMatch(/^25\s%$/u);
  });

  it('says how long ago or from now in the largest whole unit', () => {
    const now = new Date('2026-03-07T12:00:00Z');
    expect(formatRelativeTime(new Date('2026-03-07T10:00:00Z'), now, 'en')).toBe('2 hours ago');
    expect(formatRelativeTime(new Date('2026-03-06T12:00:00Z'), now, 'en')).toBe('yesterday');
    expect(formatRelativeTime(new Date('2026-03-10T12:00:00Z'), now, 'en')).toBe('in 3 days');
    expect(formatRelativeTime(new Date('2026-03-07T11:59:40Z'), now, 'en')).toBe('now');
    expect(formatRelativeTime(new Date('2026-03-07T10:00:00Z'), now, 'ar')).toBe('قبل ساعتين');
    expect(formatRelativeTime(new Date('2026-03-10T12:00:00Z'), now, 'uk')).toBe('через 3 дні');
  });
});
