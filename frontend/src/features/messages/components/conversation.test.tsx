import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { Message, MessagePage } from '../kinds';
import { on, serve } from '@/test/api-handlers';
import { Conversation } from './conversation';

const MATCH = '11111111-1111-4111-8111-111111111111';

function message(id: string, fields: Partial<Message> = {}): Message {
  return { id, mine: false, sender: 'Amal', sender_profile: null, text: `Message ${id}`, deleted: false, sent_at: '2026-12-01T10:00:00Z', ...fields };
}

function page(results: Message[], fields: Partial<MessagePage> = {}): MessagePage {
  return { results, has_more: false, can_write: true, closed_reason: '', seen_up_to: null, ...fields };
}

const list = on('get', '/api/v1/conversations/', ({ reply }) =>
  reply(200, {
    unread: 1,
    results: [
      {
        kind: 'match',
        id: MATCH,
        programme: 'p1',
        programme_name: 'Women in care',
        title: 'Amal',
        can_write: true,
        unread: 1,
        last_message_at: '2026-12-01T10:00:00Z',
      },
    ],
  }),
);
const read = on('post', '/api/v1/conversations/matches/{match_id}/read/', ({ reply }) => reply(204, undefined));

describe('Conversation', () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('shows each message as plain text with dir="auto", links not clickable and with a warning, and marks it read', async () => {
    const newest = message('m3', { text: 'مرحبا Anna, see https://example.org/x', sent_at: '2026-12-01T10:05:00Z' });
    const { calls } = serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([newest, message('m2', { mine: true, sender: 'Me', text: 'Hello', sent_at: '2026-12-01T10:01:00Z' }), message('m1', { deleted: true, sender: '', text: '' })], {
          seen_up_to: '2026-12-01T10:02:00Z',
        }),
        ),
      ),
    );
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Amal' })).toBeInTheDocument();
    const items = await screen.findAllByTestId('message');
    // Oldest first, newest at the bottom.
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Message deleted'),
      expect.stringContaining('Hello'),
      expect.stringContaining('مرحبا Anna'),
    ]);
    const texts = screen.getAllByTestId('message-text');
    for (const text of texts) expect(text).toHaveAttribute('dir', 'auto');
    const withLink = within(items[2]!);
    expect(withLink.getByText(/https:\/\/example\.org\/x/).closest('a')).toBeNull();
    expect(screen.queryAllByRole('link').map((a) => a.textContent)).toEqual(['All conversations']);
    expect(withLink.getByTestId('link-warning')).toHaveTextContent('Links can be unsafe; copy it only if you trust the sender.');
    expect(within(items[1]!).queryByTestId('link-warning')).toBeNull();
    // "Seen" under her message, since the other person read up to after it.
    expect(within(items[1]!).getByTestId('seen')).toHaveTextContent('Seen');
    // Report on the other person's message only.
    expect(within(items[2]!).getByRole('button', { name: 'Report the message from Amal' })).toBeInTheDocument();
    expect(within(items[1]!).queryByRole('button', { name: /Report/ })).toBeNull();
    await vi.waitFor(() =>
      expect(calls).toContainEqual(expect.objectContaining({ method: 'POST', path: `/api/v1/conversations/matches/${MATCH}/read/`, body: { up_to: 'm3' } })),
    );
  });

  it('does not say "Seen" before the other person has read her message', async () => {
    serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([message('m2', { mine: true, sent_at: '2026-12-01T10:05:00Z' })], { seen_up_to: '2026-12-01T10:00:00Z' })),
      ),
    );
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    await screen.findAllByTestId('message');
    expect(screen.queryByTestId('seen')).toBeNull();
  });

  it('sends a message, shows it, empties the draft and keeps the focus in the field', async () => {
    let sent = false;
    const mine = message('m9', { mine: true, sender: 'Sofia', text: 'See you on Monday', sent_at: new Date().toISOString() });
    const { calls } = serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page(sent ? [mine, message('m1')] : [message('m1')])),
      ),
      on('post', '/api/v1/conversations/matches/{match_id}/messages/', ({ body, reply }) => {
        sent = true;
        return reply(201, { ...mine, text: body.text });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    const field = await screen.findByLabelText('Your message');
    await user.type(field, 'See you on Monday');
    expect(screen.getByText('Characters: 17/2,000')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('See you on Monday', { selector: '[data-testid="message-text"]' })).toBeInTheDocument();
    expect(field).toHaveValue('');
    expect(field).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Your message was sent.');
    expect(calls).toContainEqual(expect.objectContaining({ method: 'POST', body: { text: 'See you on Monday' } }));
    expect(Object.keys(sessionStorage)).toEqual([]);
  });

  it('shows the server’s 409 as the field’s error and keeps the draft', async () => {
    serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([message('m1')]))),
      on('post', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(409, { type: 'client_error', errors: [{ code: 'conflict', detail: 'You are writing too fast. Wait a minute.', attr: null }] }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    const field = await screen.findByLabelText('Your message');
    await user.type(field, 'Are you there?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const error = await screen.findByText('You are writing too fast. Wait a minute.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(field).toHaveValue('Are you there?');
    expect(field).toHaveFocus();
    expect(Object.values(sessionStorage)).toEqual(['Are you there?']);
    // Typing again clears the error.
    await user.type(field, '!');
    expect(screen.queryByText('You are writing too fast. Wait a minute.')).toBeNull();
  });

  it('shows the server’s 400 on the text as the field’s error', async () => {
    serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([message('m1')]))),
      on('post', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(400, { type: 'validation_error', errors: [{ code: 'invalid', detail: 'Write at most 2000 characters.', attr: 'text' }] }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    const field = await screen.findByLabelText('Your message');
    await user.type(field, 'x');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Write at most 2000 characters.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveValue('x');
  });

  it('shows the safety note in a new conversation', async () => {
    serve(list, on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([]))));
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    const note = await screen.findByTestId('safety-note');
    expect(note).toHaveTextContent('Never share your home address.');
    expect(note).toHaveTextContent('Meet in a public place or online first.');
    expect(note).toHaveTextContent('You can report a message or block a person at any time.');
  });

  it('shows why she cannot write instead of the composer', async () => {
    serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([message('m1')], { can_write: false, closed_reason: 'This match has ended.' })),
      ),
    );
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    expect(await screen.findByTestId('closed-reason')).toHaveTextContent('This match has ended.');
    expect(screen.queryByLabelText('Your message')).toBeNull();
  });

  it('loads older messages with before= the oldest shown and puts the focus on them', async () => {
    const { calls } = serve(
      list,
      read,
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ url, reply }) =>
        url.searchParams.get('before') === 'm2'
          ? reply(200, page([message('m1', { text: 'The very first' })]))
          : reply(200, page([message('m3'), message('m2')], { has_more: true })),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Conversation kind="match" id={MATCH} />);
    await user.click(await screen.findByRole('button', { name: 'Show older messages' }));
    expect(await screen.findByText('The very first')).toBeInTheDocument();
    expect(calls.some((call) => call.search === '?before=m2')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Show older messages' })).toBeNull();
    await vi.waitFor(() => expect(screen.getByText('The very first').closest('li')).toHaveFocus());
  });

  it('speaks her language: Arabic words, dates by Intl, her messages at the inline end', async () => {
    const { default: i18n } = await import('i18next');
    await i18n.changeLanguage('ar');
    try {
      serve(
        list,
        read,
        on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
          reply(200, page([message('m2', { mine: true, text: 'شكرا Anna' }), message('m1', { text: 'Hello مرحبا' })])),
        ),
      );
      renderWithProviders(<Conversation kind="match" id={MATCH} />);
      const [theirs, mine] = await screen.findAllByTestId('message');
      expect(screen.getByLabelText('رسالتك')).toBeInTheDocument();
      expect(mine).toHaveStyle({ marginInlineStart: 'auto' });
      expect(theirs).toHaveStyle({ marginInlineEnd: 'auto' });
      expect(within(mine!).getByText('أنتِ')).toBeInTheDocument();
      const time = within(theirs!).getByText((_, node) => node?.tagName === 'TIME');
      expect(time.textContent).toBe(new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-12-01T10:00:00Z')));
      expect(within(theirs!).getByRole('button', { name: 'إبلاغ عن رسالة Amal' })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('marks read only once the tab is visible', async () => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      const { calls } = serve(
        list,
        read,
        on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) => reply(200, page([message('m1')]))),
      );
      renderWithProviders(<Conversation kind="match" id={MATCH} />);
      await screen.findAllByTestId('message');
      expect(calls.filter((call) => call.path.endsWith('/read/'))).toEqual([]);
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.waitFor(() => expect(calls.filter((call) => call.path.endsWith('/read/')).map((call) => call.body)).toEqual([{ up_to: 'm1' }]));
    } finally {
      // Back to jsdom's own value.
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });
});
