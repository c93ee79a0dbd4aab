import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { SafetyReportsPanel } from './safety-reports-panel';

const report = {
  id: 'r1',
  programme: 'p1',
  context: 'match',
  match: 'm1',
  match_state: 'paused',
  group: null,
  reporter: { id: 'u1', display_name: 'Amal', is_active: true },
  reporter_role: 'mentee',
  reported: { id: 'u2', display_name: 'Tom', is_active: true },
  reported_role: 'mentor',
  category: 'threat',
  text: 'He threatened me.',
  status: 'open',
  created_at: '2026-11-25T10:00:00Z',
  resolved_by: null,
  resolved_at: null,
  resolution_note: '',
};

describe('SafetyReportsPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows an open report and dismisses it only with a note', async () => {
    document.cookie = 'csrftoken=test-token';
    const decisions: unknown[] = [];
    let status = 'open';
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/v1/safety/reports/r1/dismiss/') {
          decisions.push(await request.json());
          status = 'dismissed';
          return Response.json({ ...report, status });
        }
        if (url.pathname === '/api/v1/programmes/p1/safety-reports/') {
          const rows = url.searchParams.get('status') === 'open' && status !== 'open' ? [] : [{ ...report, status }];
          return Response.json({ count: rows.length, next: null, previous: null, results: rows });
        }
        return Response.json({});
      }),
    );
    renderWithProviders(<SafetyReportsPanel programmeId="p1" />);
    expect(await screen.findByRole('heading', { name: 'Threats or violence' })).toBeInTheDocument();
    expect(screen.getByText('He threatened me.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss and resume' }));
    expect(await screen.findByText('Write a short note first.')).toBeInTheDocument();
    expect(decisions).toEqual([]);
    await userEvent.type(screen.getByLabelText(/Your note/), 'Spoke to both.');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss and resume' }));
    expect(await screen.findByText('There are no open safety reports.')).toBeInTheDocument();
    expect(decisions).toEqual([{ note: 'Spoke to both.' }]);
  });

  it('speaks of groups, not matches, in a peer network', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ count: 0, next: null, previous: null, results: [] })));
    renderWithProviders(<SafetyReportsPanel programmeId="p1" kind="peer_network" />);
    expect(await screen.findByText(/Reports from participants in the groups/)).toBeInTheDocument();
    expect(screen.queryByText(/match/i)).toBeNull();
  });
});
