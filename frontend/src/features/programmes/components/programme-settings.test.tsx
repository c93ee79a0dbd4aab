import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '@/i18n/i18n';
import { renderWithProviders } from '@/test/render';
import { ProgrammeSettingsPanel } from './programme-settings';

initI18n();

const saved = {
  kind: 'mentoring',
  languages: ['de', 'en'],
  signup_open: true,
  closed_at: null,
  offer_expiry_days: 7,
  match_duration_days: 180,
  retention_inactive_days: 730,
  retention_grace_days: 30,
  message_retention_months: 6,
  min_language_level: 'B1',
  min_score: 0,
  weights: { language: 0.2, sector: 0.25, goals: 0.25, place: 0.15, availability: 0.15 },
  group_min_size: null,
  group_max_size: null,
  weight_parts: ['language', 'sector', 'goals', 'place', 'availability'],
  language_levels: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
};

type Answer = { status: number; body: unknown };

function stubApi(answers: { patch?: Answer; whatIf?: Answer }) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/reference/languages/') return Response.json([{ code: 'de', label: 'German' }, { code: 'en', label: 'English' }]);
      if (path === '/api/v1/programmes/p1/settings/') return Response.json(saved);
      if (request.method === 'GET') return Response.json({});
      sent.push({ method: request.method, path, body: await request.json() });
      const answer = path.endsWith('/what-if/') ? answers.whatIf : answers.patch;
      return Response.json(answer?.body ?? {}, { status: answer?.status ?? 200 });
    }),
  );
  return sent;
}

const error = (attr: string | null, detail: string) => ({ code: 'invalid', detail, attr });

describe('ProgrammeSettingsPanel', () => {
  beforeAll(() => {
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows each error of the server next to its field and sends only what changed', async () => {
    const sent = stubApi({
      patch: {
        status: 400,
        body: {
          type: 'validation_error',
          errors: [error('offer_expiry_days', 'Choose a number of days from 1 to 60.'), error('weights.language', 'Choose a weight from 0 to 1.')],
        },
      },
    });
    renderWithProviders(<ProgrammeSettingsPanel programmeId="p1" />);
    const expiry = await screen.findByLabelText('Days to answer an offer');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '90');
    const language = screen.getByLabelText('Language');
    await userEvent.clear(language);
    await userEvent.type(language, '2');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(expiry).toHaveAttribute('aria-invalid', 'true'));
    // Mantine ties the error to its input: a screen reader reads it with the field
    const expiryError = document.getElementById(expiry.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('-error')) ?? '');
    expect(expiryError).toHaveTextContent('Choose a number of days from 1 to 60.');
    expect(language).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Choose a weight from 0 to 1.')).toBeInTheDocument();
    expect(screen.getByRole('alert', { name: '' })).toHaveTextContent('Some settings could not be saved');
    expect(sent).toEqual([{ method: 'PATCH', path: '/api/v1/programmes/p1/', body: { offer_expiry_days: 90, weights: { language: 2 } } }]);
  });

  it('previews a change of weights with the figures old → new, and says plainly when there is no run', async () => {
    const sent = stubApi({
      whatIf: {
        status: 200,
        body: {
          run: 'r1',
          run_finished_at: '2026-05-01T10:00:00Z',
          mentees: 10,
          before: { proposals: 8, matched: 8, match_rate: 0.8, total_score: 5.25 },
          after: { proposals: 6, matched: 6, match_rate: 0.6, total_score: 4.5 },
          pairs_added: 1,
          pairs_removed: 3,
          mentees_changed: 3,
          differs_from_last_run: 0,
          seconds: 0.2,
        },
      },
    });
    renderWithProviders(<ProgrammeSettingsPanel programmeId="p1" />);
    const place = await screen.findByLabelText('Place');
    await userEvent.clear(place);
    await userEvent.type(place, '0.9');
    await userEvent.click(screen.getByRole('button', { name: 'Preview the effect' }));
    const result = await screen.findByTestId('what-if');
    expect(within(result).getByText('3 proposals would change.')).toBeInTheDocument();
    expect(within(result).getByText('Pairs added: 1. Pairs removed: 3.')).toBeInTheDocument();
    expect(within(result).getByText('Total score: 5.25 → 4.5')).toBeInTheDocument();
    expect(within(result).getByText('Match rate: 80% → 60% (8 → 6 of 10 mentees)')).toBeInTheDocument();
    expect(sent).toEqual([{ method: 'POST', path: '/api/v1/programmes/p1/what-if/', body: { weights: { place: 0.9 } } }]);
    // changed again: the preview says it is out of date
    await userEvent.type(place, '5');
    expect(within(result).getByText(/You changed the settings after this preview/)).toBeInTheDocument();
  });

  it('says in plain words that matching must run once before a preview', async () => {
    stubApi({ whatIf: { status: 409, body: { type: 'client_error', errors: [error(null, 'Run matching once first: the preview tries your changes on the people of the last run.')] } } });
    renderWithProviders(<ProgrammeSettingsPanel programmeId="p1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Preview the effect' }));
    expect(await screen.findByText(/Run matching once first/)).toBeInTheDocument();
  });
});
