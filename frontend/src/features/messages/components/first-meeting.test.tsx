import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { Meeting } from '../api/meeting';
import { on, serve } from '@/test/api-handlers';
import { FirstMeeting, formatMeetingTime } from './first-meeting';

const MATCH = '11111111-1111-4111-8111-111111111111';
const MONDAY = '2026-12-14T17:00:00Z';
const NEXT_MONDAY = '2026-12-21T17:00:00Z';

function meeting(fields: Partial<Meeting> = {}): Meeting {
  return {
    state: null,
    proposed_by_me: false,
    options: [],
    starts_at: null,
    duration_minutes: 60,
    time_zone: '',
    place_kind: null,
    place: '',
    suggestions: [MONDAY, NEXT_MONDAY],
    can_change: true,
    ...fields,
  };
}

describe('FirstMeeting', () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('proposes the suggested times she ticks, with a public place, and shows the server’s word on the place', async () => {
    const { calls } = serve(
      on('get', '/api/v1/conversations/matches/{match_id}/meeting/', ({ reply }) => reply(200, meeting())),
      on('post', '/api/v1/conversations/matches/{match_id}/meeting/', ({ reply, body }) =>
        body.place.includes('home')
          ? reply(400, {
              type: 'validation_error',
              errors: [{ code: 'invalid', detail: 'Choose a public place.', attr: 'place' }],
            } as never)
          : reply(200, meeting({ state: 'proposed', proposed_by_me: true, options: body.options, place_kind: 'public', place: body.place })),
      ),
    );
    renderWithProviders(<FirstMeeting matchId={MATCH} />);
    // nothing ticked: she is told to choose a time, and nothing is sent
    await userEvent.click(await screen.findByRole('button', { name: 'Propose these times' }));
    expect(await screen.findByText('Choose at least one time.')).toBeVisible();
    await userEvent.click(screen.getByRole('checkbox', { name: formatMeetingTime(MONDAY) }));
    await userEvent.type(screen.getByLabelText(/The public place/), 'my home');
    await userEvent.click(screen.getByRole('button', { name: 'Propose these times' }));
    expect(await screen.findByText('Choose a public place.')).toBeVisible();
    expect(screen.getByLabelText(/The public place/)).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(screen.getByLabelText(/The public place/));
    await userEvent.type(screen.getByLabelText(/The public place/), 'City library café');
    await userEvent.click(screen.getByRole('button', { name: 'Propose these times' }));
    expect(await screen.findByTestId('meeting-waiting')).toHaveTextContent('You proposed 1 time.');
    const sent = calls.filter((call) => call.method === 'POST').at(-1)!;
    expect(sent.body).toMatchObject({ options: [MONDAY], place_kind: 'public', place: 'City library café', duration_minutes: 60 });
    expect((sent.body as { time_zone: string }).time_zone).toBeTruthy();
  });

  it('lets the other person pick one of the proposed times, then shows the booking', async () => {
    const { calls } = serve(
      on('get', '/api/v1/conversations/matches/{match_id}/meeting/', ({ reply }) =>
        reply(200, meeting({ state: 'proposed', options: [MONDAY, NEXT_MONDAY], place_kind: 'online', place: 'https://meet.example.org/x' })),
      ),
      on('post', '/api/v1/conversations/matches/{match_id}/meeting/pick/', ({ reply, body }) =>
        reply(200, meeting({ state: 'booked', starts_at: [MONDAY, NEXT_MONDAY][body.option], place_kind: 'online', place: 'https://meet.example.org/x' })),
      ),
    );
    renderWithProviders(<FirstMeeting matchId={MATCH} />);
    expect(await screen.findByText(/https:\/\/meet\.example\.org\/x/)).toBeVisible();
    expect(screen.queryByRole('link', { name: /meet\.example/ })).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: formatMeetingTime(NEXT_MONDAY) }));
    await userEvent.click(screen.getByRole('button', { name: 'Choose this time' }));
    expect(await screen.findByTestId('meeting-booked')).toHaveTextContent(formatMeetingTime(NEXT_MONDAY));
    expect(calls.find((call) => call.path.endsWith('/pick/'))?.body).toEqual({ option: 1, time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });

  it('offers no change once the match cannot be written in', async () => {
    serve(on('get', '/api/v1/conversations/matches/{match_id}/meeting/', ({ reply }) => reply(200, meeting({ can_change: false }))));
    renderWithProviders(<FirstMeeting matchId={MATCH} />);
    expect(await screen.findByRole('heading', { name: 'First meeting' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Propose these times' })).toBeNull();
  });
});
