import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { HandMatchPanel } from './hand-match-panel';

const profile = (id: string, name: string, role: string, verified = true) => ({
  id,
  programme: 'p1',
  role,
  user: `${id}-user`,
  display_name: name,
  full_name: `${name} Haddad`,
  email: `${name.toLowerCase()}@example.org`,
  phone: '',
  languages: [{ code: 'ar', level: 'C2' }],
  sectors: [],
  goals: [],
  goals_text: '',
  city: 'Berlin',
  country: 'DE',
  online: true,
  availability: [],
  gender: 'woman',
  woman_mentor_only: false,
  online_only: false,
  share_email: false,
  share_phone: false,
  capacity: role === 'mentee' ? null : 2,
  available: true,
  verified,
  verified_at: null,
  organisation: '',
  worker_role: '',
  topics_expertise: [],
  topics_interest: [],
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
});

const MENTEES = [profile('e1', 'Amal', 'mentee'), profile('e2', 'Olena', 'mentee')];
const MENTORS = [profile('o1', 'Anna', 'mentor'), profile('o2', 'Thomas', 'mentor', false)];

describe('HandMatchPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('finds people by name and shows the engine’s score and reasons before confirming', async () => {
    document.cookie = 'csrftoken=test-token';
    const searches: string[] = [];
    const created: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/v1/programmes/p1/participants/') {
          const role = url.searchParams.get('role');
          const search = (url.searchParams.get('search') ?? '').toLowerCase();
          if (role === 'mentee') searches.push(search);
          const pool = role === 'mentee' ? MENTEES : role === 'mentor' ? MENTORS : [];
          return Response.json({ count: 0, results: pool.filter((p) => p.display_name.toLowerCase().includes(search)) });
        }
        if (url.pathname === '/api/v1/programmes/p1/explain/')
          return Response.json({
            eligible: true,
            score: 0.73,
            parts: [{ name: 'language', weight: 0.4, value: 1, contribution: 0.4, reasons: [{ code: 'both_online', params: {} }] }],
            reasons: [{ code: 'both_online', params: {} }],
          });
        if (url.pathname === '/api/v1/programmes/p1/matches/' && request.method === 'POST') {
          created.push(await request.json());
          return Response.json({ id: 'm9' }, { status: 201 });
        }
        return Response.json([]);
      }),
    );
    renderWithProviders(<HandMatchPanel programmeId="p1" />);

    const mentee = screen.getByLabelText('Mentee', { selector: 'input:not([type=hidden])' });
    await userEvent.type(mentee, 'ole');
    expect(await screen.findByRole('option', { name: /Olena Haddad/, hidden: true })).toBeInTheDocument();
    await vi.waitFor(() => expect(searches).toContain('ole'));
    // The server's answer to the search replaces the first list (which had everybody).
    await vi.waitFor(() => expect(screen.queryByRole('option', { name: /Amal Haddad/, hidden: true })).not.toBeInTheDocument());
    await userEvent.click(screen.getByRole('option', { name: /Olena Haddad/, hidden: true }));

    await userEvent.click(screen.getByLabelText('Mentor or employer', { selector: 'input:not([type=hidden])' }));
    // Only verified mentors can be picked.
    expect(await screen.findByRole('option', { name: /Anna Haddad/, hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Thomas Haddad/, hidden: true })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: /Anna Haddad/, hidden: true }));

    expect(await screen.findByTestId('score')).toHaveTextContent('0.73');
    expect(screen.getAllByText('Both can meet online').length).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Propose Olena with Anna' }));
    await vi.waitFor(() => expect(created).toEqual([{ mentee: 'e2', mentor: 'o1' }]));
    expect(await screen.findByText(/Proposal created: Olena with Anna/)).toBeInTheDocument();
  });
});
