import i18n from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from './i18n';

initI18n();

describe('counted texts', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('take the plural form each language needs for the number', async () => {
    const slots = (count: number) => i18n.t('reasons.availability_overlap', { count });
    expect(slots(1)).toBe('Free at the same times (1 time slot)');
    expect(slots(3)).toBe('Free at the same times (3 time slots)');
    await i18n.changeLanguage('uk');
    expect([1, 3, 5, 21].map(slots)).toEqual([
      'Вільні в той самий час (1 проміжок)',
      'Вільні в той самий час (3 проміжки)',
      'Вільні в той самий час (5 проміжків)',
      'Вільні в той самий час (21 проміжок)',
    ]);
    await i18n.changeLanguage('ar');
    const proposals = (count: number) => i18n.t('coordinator.run.proposals', { count });
    expect(proposals(1)).toBe('تم إنشاء اقتراح واحد');
    expect(proposals(2)).toBe('تم إنشاء اقتراحين');
    expect(proposals(5)).toContain('اقتراحات');
    expect(proposals(11)).toContain('اقتراحًا');
  });

  it('write the number itself as the language does', async () => {
    await i18n.changeLanguage('de');
    expect(i18n.t('coordinator.run.proposals', { count: 1234 })).toBe('1.234 Vorschläge erstellt');
    await i18n.changeLanguage('en');
    expect(i18n.t('coordinator.run.proposals', { count: 1234 })).toContain('1,234');
  });
});
