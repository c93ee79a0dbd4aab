import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useQuery } from '@tanstack/react-query';
import { apiLanguage } from '@/api/csrf';
import { renderWithProviders } from '@/test/render';
import { LanguageSwitcher } from './language-switcher';

/** A list asked in the API's language, whose first answer is slow. */
function Slow({ asked }: { asked: string[] }) {
  const query = useQuery({
    queryKey: ['slow'],
    queryFn: async () => {
      const language = apiLanguage();
      asked.push(language);
      await new Promise((resolve) => setTimeout(resolve, asked.length === 1 ? 300 : 0));
      return language;
    },
  });
  return <output>{query.data ?? '…'}</output>;
}

describe('LanguageSwitcher', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  });

  it('switches to Arabic: dir=rtl, lang=ar, remembered', async () => {
    renderWithProviders(<LanguageSwitcher />);
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'ar');
    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'rtl'));
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(localStorage.getItem('bridges.language')).toBe('ar');
    expect(screen.getByLabelText('اللغة')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('اللغة'), 'en');
    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'ltr'));
  });

  it('asks again in the new language even when the first answer is still on its way', async () => {
    const asked: string[] = [];
    renderWithProviders(
      <>
        <LanguageSwitcher />
        <Slow asked={asked} />
      </>,
    );
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'ar');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('ar'));
    expect(asked).toEqual(['en', 'ar']);
    await userEvent.selectOptions(screen.getByLabelText('اللغة'), 'en');
  });
});
