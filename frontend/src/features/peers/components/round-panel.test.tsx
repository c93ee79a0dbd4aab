import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { RoundPanel } from './round-panel';

const round = {
  id: 'r1',
  programme: 'net1',
  name: 'Spring 2027',
  min_size: 4,
  max_size: 6,
  target_size: 5,
  min_distinct_cities: 2,
  topic_focus: [],
  avoid_repeats: true,
  followup_after_days: 30,
  error: '',
  opted_in: null,
  created_at: '2027-03-01T10:00:00Z',
  formation_started_at: null,
  formed_at: null,
  published_at: null,
};

const group = {
  id: 'g0',
  index: 0,
  reasons: [{ code: 'shared_language', params: { language: 'en' } }],
  shared_topics: [],
  shared_languages: ['en'],
  cities: ['Brussels', 'Rome'],
  organisations: [],
  similarity: 0.5,
  members: [],
};

describe('RoundPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows who takes part, forms the groups with a progress bar polled until the draft is ready', async () => {
    document.cookie = 'csrftoken=test-token';
    // The round as the server reports it, one answer after another: open, forming at 40 %, then the draft.
    const states = [
      { status: 'open', progress: 0, stats: {} },
      { status: 'forming', progress: 40, stats: {} },
      { status: 'draft', progress: 100, stats: { groups: 1, workers: 5, repeat_pairs: 0, groups_mixing_met: 1 } },
    ];
    let step = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
        const path = new URL(request.url).pathname;
        if (path === '/api/v1/rounds/r1/form/') {
          step = 1;
          return Response.json({ ...round, ...states[1] }, { status: 202 });
        }
        if (path === '/api/v1/rounds/r1/') {
          const answer = { ...round, ...states[step] };
          if (step === 1) step = 2;
          return Response.json(answer);
        }
        if (path === '/api/v1/rounds/r1/opt-ins/')
          return Response.json({ round: 'r1', members: 6, opted_in: 5, opted_out: 1, cities: [{ city: 'Rome', country: 'IT', opted_in: 5, opted_out: 1 }] });
        if (path === '/api/v1/rounds/r1/groups/') return Response.json([group]);
        return Response.json([]);
      }),
    );

    renderWithProviders(<RoundPanel roundId="r1" />);
    expect(await screen.findByText('Open: members opt in or out')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Taking part by city' })).toHaveTextContent('Rome (IT)51');

    await userEvent.click(screen.getByRole('button', { name: 'Form the groups' }));
    expect(await screen.findByText('40% – Forming groups')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Forming the groups' })).toHaveAttribute('aria-valuenow', '40');
    expect(await screen.findByText('100% – Draft groups to review', {}, { timeout: 4000 })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Group 1 (0 people)' })).toBeInTheDocument();
    expect(screen.getByText('Common language: English')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publish the groups' })).toBeInTheDocument();
  });
});
