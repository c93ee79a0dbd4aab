import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { addressContext, pairContext } from './address';

describe('forms of address', () => {
  it('words a person neutrally unless she said', () => {
    expect(addressContext('feminine')).toBe('feminine');
    expect(addressContext('masculine')).toBe('masculine');
    expect(addressContext('neutral')).toBeUndefined();
    expect(addressContext('')).toBeUndefined();
    expect(addressContext(undefined)).toBeUndefined();
  });

  it('words a pair in the feminine or masculine only when both asked for it', () => {
    expect(pairContext('feminine', 'feminine')).toBe('feminine');
    expect(pairContext('masculine', 'masculine')).toBe('masculine');
    expect(pairContext('feminine', 'masculine')).toBeUndefined();
    expect(pairContext('feminine', '')).toBeUndefined();
  });

  it('picks the variant a catalogue has and falls back to the neutral key', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'ar',
      resources: { ar: { translation: { m: 'محايد', m_masculine: 'المرشد', m_feminine: 'المرشدة' } } },
    });
    expect(i18n.t('m', { context: addressContext('masculine') })).toBe('المرشد');
    expect(i18n.t('m', { context: addressContext('feminine') })).toBe('المرشدة');
    expect(i18n.t('m', { context: addressContext('neutral') })).toBe('محايد');
  });
});
