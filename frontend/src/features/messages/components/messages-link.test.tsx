import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import { MessagesLink } from './messages-link';

describe('MessagesLink', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('links to the messages and says how many are unread, not by colour alone', async () => {
    serve(on('get', '/api/v1/conversations/unread-count/', ({ reply }) => reply(200, { unread: 4 })));
    renderWithProviders(<MessagesLink />);
    const link = screen.getByRole('link');
    expect(link).toHaveAttribute('href', '/messages');
    expect(await screen.findByText('4 unread messages')).toBeInTheDocument();
    expect(screen.getByTestId('messages-unread-badge')).toHaveAttribute('aria-hidden', 'true');
    expect(link).toHaveAccessibleName('Messages 4 unread messages');
  });

  it('shows no count when nothing waits, and does not ask when disabled', async () => {
    const { calls } = serve(on('get', '/api/v1/conversations/unread-count/', ({ reply }) => reply(200, { unread: 0 })));
    renderWithProviders(<MessagesLink enabled={false} />);
    expect(screen.getByRole('link')).toHaveTextContent('Messages');
    expect(screen.queryByTestId('messages-unread-badge')).toBeNull();
    expect(calls).toEqual([]);
  });
});
