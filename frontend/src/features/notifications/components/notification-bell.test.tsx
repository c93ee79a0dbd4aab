import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { NotificationBell } from './notification-bell';

describe('NotificationBell', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the unread count as a number and in words', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
        if (url.pathname === '/api/v1/notifications/unread-count/') return Response.json({ unread: 3 });
        return Response.json({});
      }),
    );
    renderWithProviders(<NotificationBell />);
    expect(await screen.findByTestId('unread-badge')).toHaveTextContent('3');
    expect(screen.getByRole('link', { name: /Notifications.*Unread: 3/ })).toHaveAttribute('href', '/notifications');
  });

  it('shows no badge when everything is read', async () => {
    const fetchMock = vi.fn(async () => Response.json({ unread: 0 }));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<NotificationBell />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.getByRole('link', { name: 'Notifications' })).toBeInTheDocument();
    expect(screen.queryByTestId('unread-badge')).not.toBeInTheDocument();
  });
});
