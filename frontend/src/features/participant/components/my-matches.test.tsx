import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { MyMatches } from './my-matches';

const offer = {
  id: 'm1',
  programme: 'p1',
  state: 'offered',
  my_role: 'mentor',
  counterpart: { profile: 'x', first_name: 'Amal', languages: [{ code: 'ar', level: 'C2' }], sectors: [], goals: [], city: 'Berlin', country: 'DE', role: 'mentee' },
  contact: null,
  reasons: [{ code: 'both_online', params: {} }, { code: 'matched_on_preferences', params: {} }],
  offer_expires_at: null,
  accepted_at: null,
  closed_at: null,
};

describe('MyMatches (mentor)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows an offer with its reasons and accepts it', async () => {
    document.cookie = 'csrftoken=test-token';
    let state = 'offered';
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/api/v1/matches/m1/accept/') {
        expect(request.headers.get('X-CSRFToken')).toBe('test-token');
        state = 'active';
        return Response.json({ id: 'm1' });
      }
      if (url.pathname === '/api/v1/matches/') return Response.json({ count: 1, results: [{ ...offer, state }] });
      return Response.json([]);
    });
    vi.stubGlobal('fetch', fetchMock);

    renderWithProviders(<MyMatches role="mentor" />);
    expect(await screen.findByRole('heading', { name: 'Proposed mentee: Amal' })).toBeInTheDocument();
    expect(screen.getByText('Both can meet online')).toBeInTheDocument();
    expect(screen.getByText('Matched on her preferences')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByRole('heading', { name: 'Your mentee: Amal' })).toBeInTheDocument();
  });
});
