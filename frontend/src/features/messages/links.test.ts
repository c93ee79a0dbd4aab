import { describe, expect, it } from 'vitest';
import { containsLink } from './links';

describe('containsLink', () => {
  it('finds web addresses in any script around them', () => {
    expect(containsLink('see https://example.org/x')).toBe(true);
    expect(containsLink('www.example.com')).toBe(true);
    expect(containsLink('انظري bit.ly/abc من فضلك')).toBe(true);
    expect(containsLink('Call me at example.org.')).toBe(true);
  });

  it('leaves ordinary sentences alone', () => {
    expect(containsLink('See you on Monday. At 10?')).toBe(false);
    expect(containsLink('مرحبا، كيف حالك؟')).toBe(false);
    expect(containsLink('e.g. the library')).toBe(false);
  });
});
