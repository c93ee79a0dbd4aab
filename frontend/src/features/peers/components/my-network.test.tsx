import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { MyPeerNetwork } from './my-network';

const round = {
  id: 'r1',
  programme: 'net1',
  name: 'Spring 2027',
  status: 'open',
  min_size: 4,
  max_size: 6,
  target_size: 5,
  min_distinct_cities: 3,
  topic_focus: [],
  avoid_repeats: true,
  followup_after_days: 30,
  progress: 0,
  stats: {},
  error: '',
  created_at: '2027-03-01T10:00:00Z',
  formation_started_at: null,
  formed_at: null,
  published_at: null,
};

describe('MyPeerNetwork', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets her sit out an open round and take part again', async () => {
    document.cookie = 'csrftoken=test-token';
    let optedIn = true;
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
        const path = new URL(request.url).pathname;
        if (path === '/api/v1/programmes/net1/rounds/') return Response.json({ count: 1, results: [{ ...round, opted_in: optedIn }] });
        if (path === '/api/v1/groups/') return Response.json({ count: 0, results: [] });
        if (path === '/api/v1/rounds/r1/opt-out/' || path === '/api/v1/rounds/r1/opt-in/') {
          calls.push(path);
          optedIn = path.endsWith('opt-in/');
          return Response.json({ round: 'r1', opted_in: optedIn });
        }
        return Response.json([]);
      }),
    );
    renderWithProviders(<MyPeerNetwork programmeId="net1" programmeName="Frontline peers" />);
    expect(await screen.findByText('You take part')).toBeInTheDocument();
    expect(screen.getByText('Groups of 4 to 6 people from at least 3 cities.')).toBeInTheDocument();
    expect(await screen.findByText(/You are not in a group yet/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Sit out “Spring 2027”' }));
    expect(await screen.findByText('You sit this round out')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Take part in “Spring 2027”' }));
    expect(await screen.findByText('You take part')).toBeInTheDocument();
    expect(calls).toEqual(['/api/v1/rounds/r1/opt-out/', '/api/v1/rounds/r1/opt-in/']);
  });
});
