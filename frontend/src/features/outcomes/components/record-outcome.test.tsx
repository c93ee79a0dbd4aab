import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import { RecordOutcome } from './record-outcome';

const ROUTE = '/api/v1/programmes/{programme_id}/matches/{match_id}/outcomes/' as const;

describe('RecordOutcome', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists what came of the match and records what the mentee told her coordinator', async () => {
    document.cookie = 'csrftoken=test-token';
    const api = serve(
      on('get', ROUTE, ({ reply }) =>
        reply(200, [
          { id: 'o1', checkpoint: '3m', kind: 'training', respondent_role: 'mentor', source: 'self', answered_at: '2026-11-01T10:00:00Z', recorded_by_name: '' },
        ]),
      ),
      on('post', ROUTE, ({ reply }) =>
        reply(201, { id: 'o2', checkpoint: 'end', kind: 'work', respondent_role: 'mentee', source: 'coordinator', answered_at: '2026-12-01T10:00:00Z', recorded_by_name: 'Cora' }),
      ),
    );
    renderWithProviders(<RecordOutcome programmeId="p1" matchId="m1" />);
    expect(await screen.findByText(/After 3 months: A training place · the mentor's answer/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Record an outcome' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'What came of it' }), 'work');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(api.calls.find((call) => call.method === 'POST')?.body).toEqual({ checkpoint: 'end', kind: 'work' }));
  });

  it('shows the server’s plain words when the mentee has not agreed yet', async () => {
    document.cookie = 'csrftoken=test-token';
    serve(
      on('get', ROUTE, ({ reply }) => reply(200, [])),
      on('post', ROUTE, ({ reply }) =>
        reply(409 as never, { type: 'client_error', errors: [{ code: 'conflict', detail: 'Please ask her first.', attr: null }] } as never),
      ),
    );
    renderWithProviders(<RecordOutcome programmeId="p1" matchId="m1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Record an outcome' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'What came of it' }), 'none');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please ask her first.');
  });
});
