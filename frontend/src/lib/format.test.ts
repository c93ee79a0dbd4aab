import { describe, expect, it } from 'vitest';
import { formatList } from './format';

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
