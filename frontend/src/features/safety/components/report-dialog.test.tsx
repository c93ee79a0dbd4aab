import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ReportDialogTrigger } from './report-dialog';

describe('ReportDialogTrigger', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a category, then sends the report with the block', async () => {
    document.cookie = 'csrftoken=test-token';
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        if (new URL(request.url, 'http://localhost').pathname === '/api/v1/safety/reports/') {
          sent.push(await request.json());
          return Response.json({ id: 'r1', status: 'open', created_at: '2026-11-25T10:00:00Z', blocked: true }, { status: 201 });
        }
        return Response.json({});
      }),
    );
    renderWithProviders(<ReportDialogTrigger target={{ match: 'm1' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Report or block' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Send report' }));
    expect(await screen.findByText('Choose what it is about.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Threats or violence' }));
    await userEvent.type(screen.getByLabelText('What happened? (optional)'), 'He threatened me.');
    await userEvent.click(screen.getByRole('checkbox', { name: /Also block this person/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Send report' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The coordinators have your report');
    expect(sent).toEqual([{ match: 'm1', category: 'threat', text: 'He threatened me.', block: true }]);
  });
});
