import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { NotificationList } from './notification-list';

const notice = {
  id: 'n1',
  kind: 'offer_accepted',
  subject: 'Good news: Anna said yes!',
  body: 'Anna is happy to be your mentor.',
  params: {},
  programme: 'p1',
  match_id: 'm1',
  read: false,
  created_at: '2026-11-20T10:00:00Z',
};

describe('NotificationList', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('marks an unread notice in words and marks it read', async () => {
    document.cookie = 'csrftoken=test-token';
    let read = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/v1/notifications/n1/read/' && request.method === 'POST') {
          read = true;
          return Response.json({ ...notice, read });
        }
        if (url.pathname === '/api/v1/notifications/') return Response.json({ count: 1, results: [{ ...notice, read }] });
        return Response.json({ unread: read ? 0 : 1 });
      }),
    );
    renderWithProviders(<NotificationList />);
    expect(await screen.findByText('Good news: Anna said yes!')).toBeInTheDocument();
    expect(screen.getByText('New')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Mark as read' }));
    await vi.waitFor(() => expect(screen.queryByText('New')).not.toBeInTheDocument());
    expect(read).toBe(true);
  });
});
