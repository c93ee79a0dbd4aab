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
  }, 15_000);

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
  }, 15_000);

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
