import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import { splitAddresses } from '../api/invitations';
import { InvitationsPage } from './invitations-page';

type Invitation = components['schemas']['InvitationOutput'];

function invitation(overrides: Partial<Invitation>): Invitation {
  return {
    id: 'i1',
    programme: 'p1',
    email: 'mira@example.org',
    role: 'mentor',
    language: 'de',
    state: 'sent',
    sent_at: '2026-11-02T10:00:00Z',
    send_count: 1,
    expires_at: '2026-11-16T10:00:00Z',
    opened_at: null,
    joined_at: null,
    revoked_at: null,
    invited_by_name: 'Clara',
    created_at: '2026-11-02T10:00:00Z',
    ...overrides,
  };
}

describe('splitAddresses', () => {
  it('reads one address or a pasted list, whatever separates them', () => {
    expect(splitAddresses(' a@example.org ;b@example.org,\n\nRana <c@example.org>\r\n')).toEqual([
      'a@example.org',
      'b@example.org',
      'Rana <c@example.org>',
    ]);
    expect(splitAddresses(' \n ')).toEqual([]);
  });
});

describe('InvitationsPage', () => {
  let rows: Invitation[];
  let api: ReturnType<typeof serve>;

  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
    rows = [invitation({}), invitation({ id: 'i2', email: 'nora@example.org', role: 'coordinator', state: 'joined', joined_at: '2026-11-03T10:00:00Z' })];
    api = serve(
      on('get', '/api/v1/programmes/{programme_id}/', ({ reply }) => reply(200, { id: 'p1', languages: ['de', 'en'] } as never)),
      on('get', '/api/v1/programmes/{programme_id}/invitations/', ({ reply }) =>
        reply(200, { count: rows.length, next: null, previous: null, results: rows }),
      ),
      on('post', '/api/v1/programmes/{programme_id}/invitations/', ({ reply }) =>
        reply(200, {
          results: [
            { email: 'rana@example.org', outcome: 'invited', detail: 'Invited.', invitation: invitation({ id: 'i3', email: 'rana@example.org' }) },
            { email: 'not-an-address', outcome: 'invalid', detail: 'This is not an email address.', invitation: null },
          ],
        }),
      ),
      on('post', '/api/v1/invitations/{invitation_id}/revoke/', ({ params, reply }) => {
        rows = rows.map((row) => (row.id === params.invitation_id ? { ...row, state: 'revoked' } : row));
        return reply(200, rows.find((row) => row.id === params.invitation_id)!);
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('invites a pasted list in the programme’s first language and says what happened to each address', async () => {
    renderWithProviders(<InvitationsPage programmeId="p1" programmeName="Jobs Berlin" kind="mentoring" />);
    await userEvent.type(await screen.findByLabelText(/^Email addresses/), 'rana@example.org;{enter}not-an-address');
    await userEvent.click(screen.getByRole('button', { name: 'Send invitations' }));

    const results = await screen.findByRole('status');
    expect(within(results).getByRole('row', { name: /rana@example.org/ })).toHaveTextContent('Invited');
    expect(within(results).getByRole('row', { name: /not-an-address/ })).toHaveTextContent('This is not an email address.');
    const sent = api.calls.find((call) => call.method === 'POST');
    expect(sent?.body).toEqual({ role: 'mentor', emails: ['rana@example.org', 'not-an-address'], language: 'de' });
  });

  it('shows each invitation’s state and revokes a live one only after asking', async () => {
    renderWithProviders(<InvitationsPage programmeId="p1" programmeName="Jobs Berlin" kind="mentoring" />);
    const live = await screen.findByRole('row', { name: /mira@example.org/ });
    expect(live).toHaveTextContent('Sent');
    const joined = screen.getByRole('row', { name: /nora@example.org/ });
    expect(joined).toHaveTextContent('Joined');
    expect(within(joined).queryByRole('button', { name: 'Revoke' })).toBeNull();

    await userEvent.click(within(live).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this invitation?' });
    expect(api.calls.some((call) => call.path.endsWith('/revoke/'))).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.getByRole('row', { name: /mira@example.org/ })).toHaveTextContent('Revoked'));
    expect(api.calls.filter((call) => call.path === '/api/v1/invitations/i1/revoke/')).toHaveLength(1);
  });
});
