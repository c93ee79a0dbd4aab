import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { Message, MessagePage } from '../kinds';
import { on, serve } from '@/test/api-handlers';
import { Conversation } from './conversation';

function message(id: string, fields: Partial<Message> = {}): Message {
  return { id, mine: false, sender: 'Amal', sender_profile: null, text: `Message ${id}`, deleted: false, sent_at: '2026-12-01T10:00:00Z', ...fields };
}

function page(results: Message[]): MessagePage {
  return { results, has_more: false, can_write: true, closed_reason: '', seen_up_to: null };
}

const receipt = { id: 'r1', status: 'open', created_at: '2026-12-01T11:00:00Z', blocked: true } as const;

describe('Reporting a message', () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the chosen message, the ticked ones and the block, and says plainly that it is done', async () => {
    const { calls } = serve(
      on('get', '/api/v1/conversations/', ({ reply }) => reply(200, { unread: 0, results: [] })),
      on('post', '/api/v1/conversations/matches/{match_id}/read/', ({ reply }) => reply(204, undefined)),
      on('get', '/api/v1/conversations/matches/{match_id}/messages/', ({ reply }) =>
        reply(200, page([message('m3', { text: 'Send me your address' }), message('m2', { mine: true, text: 'No.' }), message('m1', { text: 'Hi' })])),
      ),
      on('post', '/api/v1/safety/reports/', ({ reply }) => reply(201, receipt)),
    );
    const user = userEvent.setup();
    renderWithProviders(<Conversation kind="match" id="match-1" />);
    const newest = (await screen.findAllByTestId('message'))[2]!;
    await user.click(within(newest).getByRole('button', { name: 'Report the message from Amal' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report a message' });
    const choices = within(dialog).getAllByRole('checkbox').filter((box) => box.closest('[data-testid="report-choice"]'));
    // Oldest first, the chosen one ticked.
    expect(choices.map((box) => (box as HTMLInputElement).checked)).toEqual([false, false, true]);
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('Choose what it is about.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Harassment or unwanted contact' }));
    await user.click(choices[1]!);
    await user.type(within(dialog).getByRole('textbox', { name: /What happened/ }), 'She keeps asking.');
    await user.click(within(dialog).getByRole('checkbox', { name: /^Also block this person/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('The other person is not told who reported.');
    expect(within(dialog).getByRole('status')).toHaveTextContent('You have blocked this person');
    expect(calls.filter((call) => call.path === '/api/v1/safety/reports/').map((call) => call.body)).toEqual([
      { match: 'match-1', category: 'harassment', text: 'She keeps asking.', messages: ['m2', 'm3'], block: true },
    ]);
  });

  it('in a group, names the member the message came from, even when two share a first name', async () => {
    const { calls } = serve(
      on('get', '/api/v1/conversations/', ({ reply }) => reply(200, { unread: 0, results: [] })),
      on('post', '/api/v1/conversations/groups/{group_id}/read/', ({ reply }) => reply(204, undefined)),
      on('get', '/api/v1/conversations/groups/{group_id}/messages/', ({ reply }) =>
        reply(200, page([message('g2', { sender: 'Olena', sender_profile: 'prof-olena-2', text: 'Give me money' }), message('g1', { sender: 'Amal', sender_profile: 'prof-amal' })])),
      ),
      on('get', '/api/v1/groups/{group_id}/', ({ reply }) =>
        reply(200, {
          id: 'group-1',
          programme: 'p1',
          round: { id: 'r1', name: 'Autumn', published_at: '2026-10-01T10:00:00Z' },
          current: true,
          shared_topics: [],
          shared_languages: [],
          cities: [],
          reasons: [],
          members: [
            { profile: 'prof-me', name: 'Sofia', address_as: 'feminine', is_me: true, role: '', organisation: '', city: '', topics_expertise: [], topics_interest: [], email: null, phone: null },
            { profile: 'prof-amal', name: 'Amal', address_as: 'neutral', is_me: false, role: '', organisation: '', city: '', topics_expertise: [], topics_interest: [], email: null, phone: null },
            { profile: 'prof-olena', name: 'Olena', address_as: 'feminine', is_me: false, role: '', organisation: '', city: '', topics_expertise: [], topics_interest: [], email: null, phone: null },
            { profile: 'prof-olena-2', name: 'Olena', address_as: 'feminine', is_me: false, role: '', organisation: '', city: '', topics_expertise: [], topics_interest: [], email: null, phone: null },
          ],
          members_left: 0,
          first_meeting: null,
          resources: [],
          followup: { due_at: null, asked: false, answered: false, met: null, rating: null },
        }),
      ),
      on('post', '/api/v1/safety/reports/', ({ reply }) => reply(201, { ...receipt, blocked: false })),
    );
    const user = userEvent.setup();
    renderWithProviders(<Conversation kind="group" id="group-1" />);
    await user.click(await screen.findByRole('button', { name: 'Report the message from Olena' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report a message' });
    await vi.waitFor(() => expect(within(dialog).getAllByRole('radio', { name: 'Olena' })[1]).toBeChecked());
    expect(within(dialog).getAllByRole('radio', { name: 'Olena' })[0]).not.toBeChecked();
    expect(within(dialog).queryByRole('radio', { name: 'Sofia' })).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'Asked for money, work or favours' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('The coordinators have your report.');
    expect(calls.filter((call) => call.path === '/api/v1/safety/reports/').map((call) => call.body)).toEqual([
      { group: 'group-1', person: 'prof-olena-2', category: 'exploitation', text: '', messages: ['g2'], block: false },
    ]);
  });
});
