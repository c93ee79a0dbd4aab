import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { on, serve } from '@/test/api-handlers';
import { renderWithProviders } from '@/test/render';
import { CloseProgramme } from './close-programme';

const PROGRAMME = '/api/v1/programmes/{programme_id}/' as const;
const CLOSE = '/api/v1/programmes/{programme_id}/close/' as const;

describe('CloseProgramme', { timeout: 30_000 }, () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says what closing does, asks before it closes, then says since when and how many offers were withdrawn', async () => {
    let closedAt: string | null = null;
    const api = serve(
      on('get', PROGRAMME, ({ reply }) => reply(200, { id: 'p1', name: 'Jobs Berlin', closed_at: closedAt } as never)),
      on('post', CLOSE, ({ reply }) => {
        closedAt = '2026-12-06T10:00:00Z';
        return reply(200, { closed_at: closedAt, offers_withdrawn: 3 });
      }),
    );
    renderWithProviders(<CloseProgramme programmeId="p1" />);
    expect(await screen.findByText(/offers still waiting for an answer are withdrawn/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close the programme…' }));
    expect(screen.getByText(/This cannot be undone/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'No, keep it open' }));
    expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Close the programme…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, close it' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Closed since');
    expect(status).toHaveTextContent('3 offers were withdrawn.');
    expect(api.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/api/v1/programmes/p1/close/']);
    expect(screen.queryByRole('button', { name: 'Close the programme…' })).toBeNull();
  });

  it('shows the server’s words when closing is refused', async () => {
    serve(
      on('get', PROGRAMME, ({ reply }) => reply(200, { id: 'p1', name: 'Jobs Berlin', closed_at: null } as never)),
      on('post', CLOSE, ({ reply }) =>
        reply(404, { type: 'client_error', errors: [{ code: 'not_found', detail: 'No such programme among those you coordinate.', attr: null }] } as never),
      ),
    );
    renderWithProviders(<CloseProgramme programmeId="p1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Close the programme…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, close it' }));
    expect(await screen.findByText('No such programme among those you coordinate.')).toBeInTheDocument();
  });
});
