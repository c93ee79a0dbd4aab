import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from 'i18next';
import { LocalText } from '@/components/local-text';
import { initI18n } from '@/i18n/i18n';
import { renderWithProviders } from '@/test/render';
import { ProgrammeTextsPanel } from './programme-texts';

initI18n();

const saved = {
  texts: { name: { en: 'Jobs Berlin' }, description: { en: 'Mentoring into work.', de: 'Mentoring in Arbeit.' }, welcome: {}, consent_addition: {} },
  languages: ['en', 'de', 'fr', 'ar', 'uk'],
  missing: { name: ['de', 'fr', 'ar', 'uk'], description: ['fr', 'ar', 'uk'] },
  consent_version: '1',
};

function stubApi() {
  const bodies: unknown[] = [];
  let current: unknown = saved;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
      if (new URL(request.url).pathname !== '/api/v1/programmes/p1/texts/') return Response.json({});
      if (request.method === 'PATCH') {
        bodies.push(await request.json());
        current = { ...saved, texts: { ...saved.texts, name: { en: 'Jobs Berlin', ar: 'وظائف برلين' } }, missing: { ...saved.missing, name: ['de', 'fr', 'uk'] } };
      }
      return Response.json(current);
    }),
  );
  return bodies;
}

describe('ProgrammeTextsPanel', () => {
  beforeAll(() => {
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('marks each missing language and sends only what changed', async () => {
    const bodies = stubApi();
    renderWithProviders(<ProgrammeTextsPanel programmeId="p1" />);
    expect(await screen.findAllByText('Missing in Arabic')).toHaveLength(2); // name and description
    expect(screen.queryByText('Missing in German', { selector: '[data-missing="description-de"]' })).toBeNull();
    const arabicName = screen.getAllByLabelText('Arabic')[0] as HTMLInputElement;
    expect(arabicName.closest('[dir]')).toHaveAttribute('dir', 'rtl'); // Mantine puts it on the input's wrapper
    expect(arabicName).toHaveAttribute('lang', 'ar');
    await userEvent.type(arabicName, 'وظائف برلين');
    await userEvent.click(screen.getByRole('button', { name: 'Save texts' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(bodies).toEqual([{ texts: { name: { ar: 'وظائف برلين' } } }]);
    expect(screen.getAllByText('Missing in Arabic')).toHaveLength(1);
  });
});

describe('LocalText', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('gives a fallback its own language and direction and says so in hers', async () => {
    await i18n.changeLanguage('ar');
    renderWithProviders(<LocalText text="Welcome!" language="en" />);
    const words = screen.getByText('Welcome!');
    expect(words).toHaveAttribute('lang', 'en');
    expect(words).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('لم يُترجم بعد؛ معروض باللغة الإنجليزية.')).toBeInTheDocument();
  });

  it('shows her own language plainly', async () => {
    await i18n.changeLanguage('ar');
    renderWithProviders(<LocalText text="أهلًا" language="ar" />);
    expect(screen.getByText('أهلًا')).toHaveAttribute('dir', 'rtl');
    expect(document.querySelector('[data-fallback-marker]')).toBeNull();
  });
});
