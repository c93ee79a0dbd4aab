import { describe, expect, it } from 'vitest';
import { initI18n } from './i18n';
import { translateReason } from './reasons';

describe('translateReason', () => {
  const i18n = initI18n();

  it('interpolates the engine parameters in English', async () => {
    await i18n.changeLanguage('en');
    const reason = { code: 'shared_language', params: { language: 'ar', mentee_level: 'C2', mentor_level: 'B2' } };
    expect(translateReason(i18n.t, 'en', reason)).toBe('Both speak Arabic (mentee C2, mentor B2)');
    expect(translateReason(i18n.t, 'en', { code: 'same_sector', params: { sector: '86' } }, { sector: () => 'Health' })).toBe(
      'Same work area: Health',
    );
    expect(translateReason(i18n.t, 'en', { code: 'brand_new', params: {} })).toBe('Other reason (brand_new)');
  });

  it('translates into German', async () => {
    await i18n.changeLanguage('de');
    expect(translateReason(i18n.t, 'de', { code: 'both_online', params: {} })).toBe('Beide können sich online treffen');
    await i18n.changeLanguage('en');
  });
});
