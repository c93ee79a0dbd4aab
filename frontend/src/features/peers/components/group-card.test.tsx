import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { MemberGroup } from '../api/types';
import { GroupCard } from './group-card';

const person = (name: string, extra: Partial<Omit<MemberGroup['members'][number], 'address_as'>> = {}) => ({
  profile: `profile-${name}`, // safeguarding: names the member in a report or block
  name,
  address_as: 'neutral' as const,
  is_me: false,
  role: 'nurse',
  organisation: `Org ${name}`,
  city: 'Rome',
  topics_expertise: ['housing'],
  topics_interest: ['mental_health'],
  email: null,
  phone: null,
  ...extra,
});

const group: MemberGroup = {
  id: 'g1',
  programme: 'p1',
  round: { id: 'r1', name: 'Spring 2027', published_at: '2027-03-01T10:00:00Z' },
  current: true,
  shared_topics: ['housing'],
  shared_languages: ['en'],
  cities: ['Brussels', 'Rome'],
  reasons: [
    { code: 'shared_topics', params: { topics: ['housing'] } },
    { code: 'cities_mixed', params: { cities: ['Brussels', 'Rome'] } },
  ],
  members: [
    person('Sofia', { is_me: true, city: 'Brussels' }),
    person('Amal', { email: 'amal@example.org' }),
    person('Bruno', { phone: '+32 470 00 00 00' }),
    person('Chiara'),
  ],
  members_left: 0,
  first_meeting: { slot: 'wed:evening', available: 3, members: 4 },
  resources: [{ topic: 'housing', title: 'FEANTSA: housing', url: 'https://example.org/housing' }],
  followup: { due_at: '2027-03-31T10:00:00Z', asked: true, answered: false, met: null, rating: null },
};

const labels = { topic: (code: string) => ({ housing: 'Housing', mental_health: 'Mental health' })[code] ?? code, role: () => 'Nurse' };

describe('GroupCard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each member and only the contact details she chose to share', () => {
    renderWithProviders(<GroupCard group={group} labels={labels} />);
    const cards = screen.getAllByTestId('peer-member');
    const card = (name: string) => cards.find((c) => c.textContent?.startsWith(name)) as HTMLElement;

    expect(within(card('Amal')).getByRole('link', { name: 'amal@example.org' })).toHaveAttribute('href', 'mailto:amal@example.org');
    expect(within(card('Amal')).queryByText('Phone:')).not.toBeInTheDocument();
    expect(within(card('Bruno')).getByRole('link', { name: '+32 470 00 00 00' })).toHaveAttribute('href', 'tel:+32470000000');
    expect(within(card('Bruno')).queryByText('Email:')).not.toBeInTheDocument();
    expect(card('Chiara')).toHaveTextContent('Contact details not shared');
    expect(within(card('Chiara')).queryByRole('link')).not.toBeInTheDocument();
    expect(card('Sofia')).toHaveTextContent('Sofia (you)');
    expect(card('Amal')).toHaveTextContent('Nurse at Org Amal');
    expect(card('Amal')).toHaveTextContent('Knows about: Housing');
    expect(card('Amal')).toHaveTextContent('Wants to learn about: Mental health');

    expect(screen.getByText('Shared topics: Housing')).toBeInTheDocument();
    expect(screen.getByText('Mixes cities: Brussels and Rome')).toBeInTheDocument();
    expect(screen.getByText(/Wednesday evening \(3 of 4 members can make it\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'FEANTSA: housing' })).toHaveAttribute('href', 'https://example.org/housing');
  });

  it('says how many members left the group, and nothing while nobody did', () => {
    const { unmount } = renderWithProviders(<GroupCard group={group} labels={labels} />);
    expect(screen.queryByText(/Left the group/)).not.toBeInTheDocument();
    unmount();
    renderWithProviders(<GroupCard group={{ ...group, members_left: 2 }} labels={labels} />);
    expect(screen.getByText('Left the group: 2')).toBeInTheDocument();
  });

  it('asks whether the group met and sends the answer with a rating', async () => {
    document.cookie = 'csrftoken=test-token';
    const answers: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(String(input));
        if (new URL(request.url).pathname === '/api/v1/groups/g1/followup/') {
          answers.push(await request.json());
          return Response.json({ id: 'f1', group: 'g1', met: true, rating: 4, comment: '', answered_at: '2027-04-01T00:00:00Z' }, { status: 201 });
        }
        return Response.json({ count: 0, results: [] });
      }),
    );
    renderWithProviders(<GroupCard group={group} labels={labels} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send my answer' }));
    expect(screen.getByText('Please choose yes or no.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Yes, we met' }));
    await userEvent.click(screen.getByRole('radio', { name: '4' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send my answer' }));
    await vi.waitFor(() => expect(answers).toEqual([{ met: true, rating: 4, comment: '' }]));
  });
});
