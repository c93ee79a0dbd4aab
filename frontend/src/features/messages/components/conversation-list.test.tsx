import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import { ConversationList } from './conversation-list';

const settings = on('get', '/api/v1/conversations/settings/', ({ reply }) => reply(200, { email_after: 'day', show_seen: false }));

describe('ConversationList', () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the conversations with their unread counts in words and links to each', async () => {
    serve(
      settings,
      on('get', '/api/v1/conversations/', ({ reply }) =>
        reply(200, {
          unread: 3,
          results: [
            {
              kind: 'match',
              id: 'm1',
              programme: 'p1',
              programme_name: 'Women in care',
              title: 'Amal',
              can_write: true,
              unread: 3,
              last_message_at: '2026-12-01T10:00:00Z',
            },
            {
              kind: 'group',
              id: 'g1',
              programme: 'p2',
              programme_name: 'Frontline peers',
              title: 'Autumn round · 2',
              can_write: true,
              unread: 0,
              last_message_at: null,
            },
            {
              kind: 'match',
              id: 'm2',
              programme: 'p1',
              programme_name: 'Women in care',
              title: '',
              can_write: false,
              unread: 0,
              last_message_at: '2026-11-01T10:00:00Z',
            },
          ],
        }),
      ),
    );
    renderWithProviders(<ConversationList />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Messages' })).toBeInTheDocument();
    const cards = await screen.findAllByTestId('conversation');
    expect(cards).toHaveLength(3);
    const [amal, group, closed] = cards.map((card) => within(card));
    expect(amal!.getByRole('link', { name: 'Amal' })).toHaveAttribute('href', '/messages/match/m1');
    expect(amal!.getByTestId('conversation-unread')).toHaveTextContent('3 unread');
    expect(amal!.getByText('Mentoring · Women in care')).toBeInTheDocument();
    expect(group!.getByRole('link', { name: 'Autumn round · 2' })).toHaveAttribute('href', '/messages/group/g1');
    expect(group!.queryByTestId('conversation-unread')).toBeNull();
    expect(group!.getByText('No messages yet')).toBeInTheDocument();
    expect(closed!.getByRole('link', { name: 'Your mentoring match' })).toBeInTheDocument();
    expect(closed!.getByText(/not write in it any more/)).toBeInTheDocument();
    // One heading per conversation under the page's own, then the settings.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Amal',
      'Autumn round · 2',
      'Your mentoring match',
      'Message settings',
    ]);
  });

  it('says in plain words when there is no conversation yet', async () => {
    serve(settings, on('get', '/api/v1/conversations/', ({ reply }) => reply(200, { unread: 0, results: [] })));
    renderWithProviders(<ConversationList />);
    expect(await screen.findByText(/You have no conversations yet/)).toBeInTheDocument();
  });

  it('counts in Arabic with the language’s plural forms', async () => {
    const { default: i18n } = await import('i18next');
    await i18n.changeLanguage('ar');
    try {
      const forms = [0, 1, 2, 3, 11, 100].map((count) => i18n.t('messages.list.unread', { count }));
      expect(new Set(forms).size).toBeGreaterThanOrEqual(5);
      expect(forms[1]).toBe('رسالة واحدة غير مقروءة');
      expect(forms[2]).toBe('رسالتان غير مقروءتين');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('saves the email and "seen" choices as soon as she changes them', async () => {
    const { calls } = serve(
      on('get', '/api/v1/conversations/', ({ reply }) => reply(200, { unread: 0, results: [] })),
      settings,
      on('patch', '/api/v1/conversations/settings/', ({ body, reply }) =>
        reply(200, { email_after: body?.email_after ?? 'day', show_seen: body?.show_seen ?? false }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<ConversationList />);
    const daily = await screen.findByRole('radio', { name: 'At most once a day' });
    expect(daily).toBeChecked();
    const seen = screen.getByRole('switch', { name: /^Show when I have read a message/ });
    expect(seen).not.toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Never' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    await user.click(seen);
    await vi.waitFor(() => expect(screen.getByRole('switch', { name: /^Show when I have read a message/ })).toBeChecked());
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([{ email_after: 'off' }, { show_seen: true }]);
  });
});
