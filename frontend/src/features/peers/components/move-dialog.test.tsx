import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { CoordinatorGroup, GroupMemberCard } from '../api/types';
import { RoundGroups } from './round-groups';

const member = (profile: string, name: string, city: string): GroupMemberCard => ({
  profile,
  name,
  address_as: 'neutral',
  left_at: null,
  role: 'nurse',
  organisation: `Org ${name}`,
  city,
  country: 'BE',
  languages: [{ code: 'en', level: 'B2' }],
  topics_expertise: [],
  topics_interest: [],
  availability: [],
});

const groups: CoordinatorGroup[] = [
  {
    id: 'g0',
    index: 0,
    reasons: [{ code: 'shared_language', params: { language: 'en' } }],
    shared_topics: [],
    shared_languages: ['en'],
    cities: ['Brussels', 'Rome'],
    organisations: [],
    similarity: 0.5,
    members: [member('p-ana', 'Ana', 'Brussels'), member('p-ben', 'Ben', 'Rome')],
  },
  {
    id: 'g1',
    index: 1,
    reasons: [{ code: 'group_too_large', params: { size: 9, max_size: 8 } }],
    shared_topics: [],
    shared_languages: ['en'],
    cities: ['Milan', 'Liège'],
    organisations: [],
    similarity: 0.5,
    members: [member('p-bea', 'Bea', 'Milan'), member('p-cem', 'Cem', 'Liège')],
  },
];

describe('moving a person between draft groups', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the rules a move breaks, in words, and moves only when confirmed with force', async () => {
    document.cookie = 'csrftoken=test-token';
    const moves: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/v1/rounds/r1/moves/') {
          const body = (await request.json()) as { force: boolean };
          moves.push(body);
          if (!body.force)
            return Response.json(
              {
                type: 'client_error',
                errors: [{ code: 'conflict', detail: 'The move breaks these rules.', attr: null }],
                broken_rules: [
                  { code: 'group_too_large', params: { group: 1, size: 3, max_size: 2 } },
                  { code: 'repeat_pair', params: { group: 1, worker: 'p-ana', with: ['p-bea'] } },
                ],
              },
              { status: 409 },
            );
          return Response.json({ forced: true, broken_rules: [], groups: [] });
        }
        return Response.json([]);
      }),
    );

    renderWithProviders(<RoundGroups roundId="r1" groups={groups} editable labels={{ topic: (c) => c, role: (c) => c }} />);
    expect(screen.getByText('Check:')).toBeInTheDocument(); // a problem is marked in words, not only by colour
    await userEvent.click(screen.getByRole('button', { name: 'Move Ana to another group' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move Ana' });
    expect(dialog).toHaveTextContent('Now in group 1.');
    await userEvent.click(screen.getByRole('button', { name: 'Move' }));

    expect(await screen.findByText('This move breaks these rules')).toBeInTheDocument();
    const rules = screen.getByTestId('broken-rules');
    expect(rules).toHaveTextContent('Group 2: 3 people, more than the largest size 2');
    expect(rules).toHaveTextContent('Group 2: she was grouped before with Bea');
    expect(moves).toEqual([{ worker: 'p-ana', to_group: 1, force: false }]);

    await userEvent.click(screen.getByRole('button', { name: 'Move anyway' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(moves).toEqual([
      { worker: 'p-ana', to_group: 1, force: false },
      { worker: 'p-ana', to_group: 1, force: true },
    ]);
  });

  it('offers no move buttons once the groups are published', () => {
    renderWithProviders(<RoundGroups roundId="r1" groups={groups} editable={false} labels={{ topic: (c) => c, role: (c) => c }} />);
    expect(screen.queryByRole('button', { name: /^Move / })).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Members of group 1' })).toHaveTextContent('Ana');
  });
});
