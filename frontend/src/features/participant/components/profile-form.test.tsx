import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ProfilePage } from './profile-form';

const profile = {
  id: 'pr1',
  programme: 'p1',
  role: 'mentee',
  user: 'u1',
  display_name: 'Amal',
  full_name: 'Amal Haddad',
  email: 'amal@example.org',
  phone: '',
  languages: [{ code: 'ar', level: 'C2' }],
  sectors: [],
  goals: ['job_search'],
  goals_text: '',
  city: 'Berlin',
  country: 'DE',
  online: true,
  availability: ['mon:morning'],
  gender: 'woman',
  woman_mentor_only: false,
  online_only: false,
  share_email: false,
  share_phone: false,
  capacity: null,
  available: true,
  verified: false,
  verified_at: null,
  organisation: '',
  worker_role: '',
  topics_expertise: [],
  topics_interest: [],
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
};

describe('ProfileForm', () => {
  // jsdom has no document.fonts; Mantine's autosizing textarea listens to it.
  beforeAll(() => {
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('saves her changes and puts a server error next to its field', async () => {
    document.cookie = 'csrftoken=test-token';
    const patches: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/v1/profiles/pr1/' && request.method === 'PATCH') {
          const body = (await request.json()) as Record<string, unknown>;
          patches.push(body);
          if (body.online_only)
            return Response.json(
              { type: 'validation_error', errors: [{ code: 'invalid', detail: 'Online only needs online.', attr: 'online_only' }] },
              { status: 400 },
            );
          return Response.json({ ...profile, ...body });
        }
        if (url.pathname === '/api/v1/profiles/pr1/') return Response.json(profile);
        if (url.pathname === '/api/v1/reference/goals/')
          return Response.json([{ code: 'job_search', label: 'Find a job', icon: '💼', parent: null }]);
        if (url.pathname === '/api/v1/reference/languages/') return Response.json([{ code: 'ar', label: 'Arabic' }]);
        return Response.json([]);
      }),
    );
    renderWithProviders(<ProfilePage profileId="pr1" />);
    expect(await screen.findByRole('heading', { name: 'My profile' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /Monday, Morning/ })).toBeChecked();
    await userEvent.click(screen.getByRole('checkbox', { name: /Tuesday, Evening/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'I only want to meet online' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Online only needs online.')).toBeInTheDocument();
    expect(patches[0]).toMatchObject({ availability: ['mon:morning', 'tue:evening'], online_only: true, goals: ['job_search'] });

    await userEvent.click(screen.getByRole('checkbox', { name: 'I only want to meet online' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });
});
