import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ProposalsTable } from './proposals-table';

const person = (profile: string, name: string, role: string) => ({ profile, display_name: name, full_name: `${name} X`, role });
const proposal = (id: string, mentee: string, mentor: string, score: number) => ({
  id,
  programme: 'p1',
  run: 'r1',
  source: 'run',
  state: 'proposed',
  mentee: person(`${id}-mentee`, mentee, 'mentee'),
  mentor: person(`${id}-mentor`, mentor, 'mentor'),
  score,
  parts: [
    { name: 'language', value: 1 },
    { name: 'sector', value: 0.5 },
  ],
  reasons: [{ code: 'both_online', params: {} }],
  alternatives: [],
  offered_at: null,
  offer_expires_at: null,
  accepted_at: null,
  closed_at: null,
  reason_code: '',
  reason_text: '',
  closed_by_role: '',
  completed: false,
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
});

function stubApi() {
  document.cookie = 'csrftoken=test-token';
  const posts: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url, 'http://localhost');
      if (request.method === 'POST') {
        posts.push({ path: url.pathname, body: await request.json().catch(() => null) });
        if (url.pathname.endsWith('/bulk-reject/'))
          return Response.json([
            { id: 'm1', ok: true, state: 'rejected', error: '' },
            { id: 'm2', ok: false, state: 'offered', error: 'This pairing is offered, so it cannot be rejected now.' },
          ]);
        return Response.json(url.pathname.endsWith('/swap/') ? [] : proposal('m1', 'Amal', 'Anna', 0.8));
      }
      if (url.pathname === '/api/v1/programmes/p1/matches/')
        return Response.json({ count: 2, results: [proposal('m1', 'Amal', 'Anna', 0.8), proposal('m2', 'Olena', 'Julia', 0.6)] });
      return Response.json([]);
    }),
  );
  return posts;
}

/** A run with 312 proposals, served a page at a time as the API does (404 past the last page). */
function stubLongRun({ total = 312, approveAnswer }: { total?: number; approveAnswer?: () => Response } = {}) {
  document.cookie = 'csrftoken=test-token';
  const all = Array.from({ length: total }, (_, index) => proposal(`m${index + 1}`, `Mentee${index + 1}`, `Mentor${index + 1}`, 1 - index / 1000));
  const pagesAsked: string[] = [];
  const posts: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url, 'http://localhost');
      if (request.method === 'POST') {
        const body = (await request.json()) as { expected_count?: number };
        posts.push({ path: url.pathname, body });
        if (approveAnswer) return approveAnswer();
        const ok = url.pathname.endsWith('/bulk-reject/') ? 'rejected' : 'offered';
        return Response.json(all.slice(0, body.expected_count).map((m) => ({ id: m.id, ok: true, state: ok, error: '' })));
      }
      if (url.pathname === '/api/v1/programmes/p1/matches/') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const size = Number(url.searchParams.get('page_size'));
        pagesAsked.push(`${url.searchParams.get('state')}:${page}:${size}`);
        const results = all.slice((page - 1) * size, page * size);
        if (page > 1 && results.length === 0)
          return Response.json({ type: 'client_error', errors: [{ code: 'not_found', detail: 'Invalid page.', attr: null }] }, { status: 404 });
        return Response.json({ count: all.length, next: null, previous: null, results });
      }
      return Response.json([]);
    }),
  );
  return { pagesAsked, posts };
}

describe('ProposalsTable with more proposals than one page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says how many there are and pages through to the last ones', async () => {
    const { pagesAsked } = stubLongRun();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    expect(await screen.findByText('Showing 1–50 of 312 pairs')).toBeInTheDocument();
    expect(screen.getAllByTestId('proposal-row')).toHaveLength(50);
    const pages = screen.getByRole('navigation', { name: 'Pages of proposals' });
    await userEvent.click(within(pages).getByRole('button', { name: 'Last page' }));
    expect(await screen.findByText('Showing 301–312 of 312 pairs')).toBeInTheDocument();
    const rows = screen.getAllByTestId('proposal-row');
    expect(rows).toHaveLength(12);
    expect(within(rows[11]!).getByText('Mentee312 X')).toBeInTheDocument();
    await userEvent.click(within(pages).getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByText('Showing 51–100 of 312 pairs')).toBeInTheDocument();
    expect(within(screen.getAllByTestId('proposal-row')[0]!).getByText('Mentee51 X')).toBeInTheDocument();
    expect(pagesAsked).toEqual(['proposed:1:50', 'proposed:7:50', 'proposed:2:50']);
  });

  it('approves all proposals on every page, sending the number she saw', async () => {
    const { posts } = stubLongRun();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all pairs on this page' }));
    expect(screen.getByText('All pairs on this page are selected (50).')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve selected (50)' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Select all 312 pairs, on every page' }));
    expect(screen.getByText('All 312 pairs are selected, on every page.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Swap the mentors of the 2 selected pairs' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Approve all (312)' }));
    await vi.waitFor(() =>
      expect(posts).toEqual([{ path: '/api/v1/programmes/p1/matches/bulk-approve/', body: { filter: {}, expected_count: 312 } }]),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('312 approved');
    expect(screen.getByRole('button', { name: 'Approve selected (0)' })).toBeDisabled();
  });

  it('never offers "all" for more proposals than one request may act on', async () => {
    const { posts } = stubLongRun({ total: 1001 });
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all pairs on this page' }));
    expect(screen.getByText(/More than 1,000 proposals: approve or reject them one page at a time/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Select all 1001 pairs/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Approve selected (50)' })).toBeEnabled();
    expect(posts).toEqual([]);
  });

  it('rejects all proposals on every page with one reason', async () => {
    const { posts } = stubLongRun({ total: 60 });
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all pairs on this page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Select all 60 pairs, on every page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Reject all (60)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject the 60 selected pairs' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /same reason is kept/ }), 'A new intake.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject 60 pairs' }));
    await vi.waitFor(() =>
      expect(posts).toEqual([
        { path: '/api/v1/programmes/p1/matches/bulk-reject/', body: { filter: {}, expected_count: 60, reason: 'A new intake.' } },
      ]),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('60 rejected');
  });

  it('says in her language that nothing was done when the list changed meanwhile', async () => {
    stubLongRun({
      approveAnswer: () =>
        Response.json(
          { type: 'client_error', errors: [{ code: 'conflict', detail: 'The proposals have changed since you looked.', attr: null }] },
          { status: 409 },
        ),
    });
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all pairs on this page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Select all 312 pairs, on every page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Approve all (312)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^The proposals changed while you were looking.*Nothing was done/);
    expect(screen.getByRole('button', { name: 'Approve selected (0)' })).toBeDisabled();
  });

  it('follows the list when it shrinks below the page shown', async () => {
    const { pagesAsked } = stubLongRun({ total: 60 });
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    const pages = await screen.findByRole('navigation', { name: 'Pages of proposals' });
    await userEvent.click(within(pages).getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByText('Showing 51–60 of 60 pairs')).toBeInTheDocument();
    // Approving this page's ten leaves one page: she is shown it rather than an error.
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all pairs on this page' }));
    vi.mocked(fetch).mockClear();
    stubLongRun({ total: 50 });
    await userEvent.click(screen.getByRole('button', { name: 'Approve selected (10)' }));
    expect(await screen.findByText('Showing 1–50 of 50 pairs')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pages of proposals' })).not.toBeInTheDocument();
    expect(pagesAsked).toEqual(['proposed:1:50', 'proposed:2:50']);
  });
});

describe('ProposalsTable', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the score broken into parts, best first', async () => {
    stubApi();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    const rows = await screen.findAllByTestId('proposal-row');
    expect(within(rows[0]!).getByText('0.80')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Language: 1.00')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Work area: 0.50')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Both can meet online')).toBeInTheDocument();
  });

  it('does not reject without a reason, then sends the reason', async () => {
    const posts = stubApi();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Reject: Amal X – Anna X' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this pair' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByText('Please give a reason.')).toBeInTheDocument();
    expect(posts).toEqual([]);
    await userEvent.type(within(dialog).getByRole('textbox'), 'They met before at work.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await vi.waitFor(() => expect(posts).toEqual([{ path: '/api/v1/matches/m1/reject/', body: { reason: 'They met before at work.' } }]));
  });

  it('confirms a single approval, and a later rejection replaces that message', async () => {
    stubApi();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Approve: Amal X – Anna X' }));
    expect(await screen.findByRole('status')).toHaveTextContent('1 approved');
    await userEvent.click(screen.getByRole('button', { name: 'Reject: Olena X – Julia X' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this pair' });
    await userEvent.type(within(dialog).getByRole('textbox'), 'They know each other.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 rejected'));
    expect(screen.getByRole('status')).not.toHaveTextContent('approved');
  });

  it('rejects the selected pairs with one reason and says how many were rejected', async () => {
    const posts = stubApi();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    expect(await screen.findByRole('button', { name: 'Reject selected (0)' })).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Amal X and Anna X' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Olena X and Julia X' }));
    await userEvent.click(screen.getByRole('button', { name: 'Reject selected (2)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject the 2 selected pairs' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject 2 pairs' }));
    expect(await within(dialog).findByText('Please give a reason.')).toBeInTheDocument();
    expect(posts).toEqual([]);
    await userEvent.type(within(dialog).getByRole('textbox', { name: /same reason is kept/ }), 'Languages do not fit.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reject 2 pairs' }));
    await vi.waitFor(() =>
      expect(posts).toEqual([{ path: '/api/v1/programmes/p1/matches/bulk-reject/', body: { ids: ['m1', 'm2'], reason: 'Languages do not fit.' } }]),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('1 rejected. 1 could not be rejected');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Reject selected (0)' })).toBeDisabled();
  });

  it('swaps the mentors of exactly two selected pairs', async () => {
    const posts = stubApi();
    renderWithProviders(<ProposalsTable programmeId="p1" />);
    const swap = await screen.findByRole('button', { name: 'Swap the mentors of the 2 selected pairs' });
    expect(swap).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Amal X and Anna X' }));
    expect(swap).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Olena X and Julia X' }));
    await userEvent.click(swap);
    await vi.waitFor(() => expect(posts).toEqual([{ path: '/api/v1/matches/swap/', body: { first: 'm1', second: 'm2' } }]));
    expect(await screen.findByText('The mentors were swapped.')).toBeInTheDocument();
  });
});
