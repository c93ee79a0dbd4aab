import { describe, expect, it } from 'vitest';
import { initI18n } from '@/i18n/i18n';
import { translatePeerReason } from './peer-reasons';

describe('translatePeerReason', () => {
  const i18n = initI18n();

  it('puts group reasons and broken rules in words, in the UI language', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    const topic = (code: string) => ({ housing: 'Housing', mental_health: 'Mental health' })[code] ?? code;
    expect(translatePeerReason(t, 'en', { code: 'shared_topics', params: { topics: ['housing', 'mental_health'] } }, { topic })).toBe(
      'Shared topics: Housing and Mental health',
    );
    expect(translatePeerReason(t, 'en', { code: 'shared_language', params: { language: 'fr' } })).toBe('Common language: French');
    expect(translatePeerReason(t, 'en', { code: 'too_few_cities', params: { group: 0, cities: ['Rome'], required: 2 } })).toBe(
      'Group 1: only Rome, fewer than 2 cities',
    );
    expect(translatePeerReason(t, 'en', { code: 'repeat_pairs', params: { count: 3, pairs: [] } })).toBe('Pairs who were grouped before: 3');
    expect(translatePeerReason(t, 'en', { code: 'something_new', params: {} })).toBe('Other reason (something_new)');

    await i18n.changeLanguage('de');
    expect(translatePeerReason(i18n.t.bind(i18n), 'de', { code: 'group_too_small', params: { group: 2, size: 2, min_size: 4 } })).toBe(
      'Gruppe 3: 2 Personen, weniger als die kleinste Größe 4',
    );
    await i18n.changeLanguage('en');
  });
});
