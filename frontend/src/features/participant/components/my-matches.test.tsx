import { screen, within } from '@testing-library/react';
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
  feedback_given: false,
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

describe('MyMatches (mentee)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('ends an active match only with a reason, then asks for feedback', async () => {
    document.cookie = 'csrftoken=test-token';
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
    let state = 'active';
    const posts: { path: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
        const url = new URL(request.url, 'http://localhost');
        if (request.method === 'POST') {
          posts.push({ path: url.pathname, body: await request.json() });
          state = 'closed';
          return Response.json({ id: 'm1' });
        }
        if (url.pathname === '/api/v1/matches/')
          return Response.json({ count: 1, results: [{ ...offer, my_role: 'mentee', counterpart: { ...offer.counterpart, first_name: 'Anna', role: 'mentor' }, state }] });
        if (url.pathname === '/api/v1/reference/end-reasons/')
          return Response.json([
            { code: 'goal_reached', label: 'Goal reached', parent: null, icon: '' },
            { code: 'moved_away', label: 'Moved away', parent: null, icon: '' },
          ]);
        return Response.json([]);
      }),
    );
    renderWithProviders(<MyMatches role="mentee" />);
    expect(await screen.findByRole('heading', { name: 'Your mentor: Anna' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'End this match' }));
    const dialog = await screen.findByRole('dialog', { name: 'End this match' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'End the match' }));
    expect(await within(dialog).findByText('Please fill this in.')).toBeInTheDocument();
    expect(posts).toEqual([]);
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Goal reached' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'End the match' }));
    await vi.waitFor(() => expect(posts).toEqual([{ path: '/api/v1/matches/m1/end/', body: { reason: 'goal_reached', text: '' } }]));
    expect(await screen.findByText('This match has ended. Please tell us how it went.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Give feedback' })).toBeInTheDocument();
  });
});

describe('MyMatches (mentee, offered)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells her the mentor answers by the date and that she need do nothing, and lets her say no', async () => {
    const offered = {
      ...offer,
      my_role: 'mentee',
      offer_expires_at: '2026-12-12T10:00:00Z',
      counterpart: { ...offer.counterpart, first_name: 'Anna', role: 'mentor' },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        if (new URL(request.url, 'http://localhost').pathname === '/api/v1/matches/') return Response.json({ count: 1, results: [offered] });
        return Response.json([]);
      }),
    );
    renderWithProviders(<MyMatches role="mentee" />);
    expect(await screen.findByText(/^The proposed mentor has until .+ to answer\. You need to do nothing now/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: "Proposed to you: waiting for the mentor's answer" })).toBeInTheDocument();
    expect(screen.queryByText('Offers waiting for your answer')).toBeNull();
    expect(screen.queryByText(/Please answer by/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Decline' })).toBeInTheDocument();
  });
});
