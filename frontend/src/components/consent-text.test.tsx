import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '@/i18n/i18n';
import { renderWithProviders } from '@/test/render';
import { ConsentText } from './consent-text';

initI18n();

describe('ConsentText', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('marks the text with its own language and says nothing more when it is in hers', async () => {
    await i18n.changeLanguage('ar');
    renderWithProviders(<ConsentText text="أوافق على …" language="ar" languages={['en', 'ar']} />);
    const text = screen.getByText('أوافق على …');
    expect(text.closest('[lang]')).toHaveAttribute('lang', 'ar');
    expect(text.closest('[dir]')).toHaveAttribute('dir', 'rtl');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says in her language when the text is not in it, and offers the languages it exists in', async () => {
    await i18n.changeLanguage('ar');
    renderWithProviders(<ConsentText text="I agree that …" language="en" languages={['en', 'de']} />);
    const note = screen.getByRole('status');
    expect(note).toHaveTextContent('هذا النص غير متوفر بعد');
    const text = screen.getByText('I agree that …');
    expect(text.closest('[lang]')).toHaveAttribute('lang', 'en');
    expect(text.closest('[dir]')).toHaveAttribute('dir', 'ltr');
    await userEvent.click(screen.getByRole('button', { name: 'Deutsch' }));
    expect(i18n.resolvedLanguage).toBe('de');
  });
});
