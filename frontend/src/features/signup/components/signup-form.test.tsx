import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { renderWithProviders } from '@/test/render';
import { SignUpForm } from './signup-form';

const programme: components['schemas']['ProgrammeOutput'] = {
  id: 'p1',
  kind: 'mentoring',
  name: 'Berlin jobs',
  slug: 'berlin',
  description: '',
  welcome: '',
  text_languages: { name: 'en', description: '', welcome: '' },
  city: 'Berlin',
  country: 'DE',
  online: true,
  languages: ['de'],
  signup_open: true,
  consent_text: 'We use your data to find pairs.',
  consent_language: 'en',
  consent_languages: ['en', 'de', 'fr', 'ar', 'uk'],
  consent_version: 'v1',
  offer_expiry_days: 7,
  match_duration_days: 180,
};

describe('SignUpForm (mentor)', () => {
  // jsdom has no document.fonts; Mantine's autosizing textarea listens to it.
  beforeAll(() => {
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks a mentor for work areas and capacity and signs her up as a mentor', async () => {
    document.cookie = 'csrftoken=test-token';
    const bodies: Record<string, unknown>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
        const url = new URL(request.url, 'http://localhost');
        if (url.pathname === '/api/v1/programmes/p1/signup/') {
          bodies.push((await request.json()) as Record<string, unknown>);
          return Response.json({ id: 'pr1' }, { status: 201 });
        }
        if (url.pathname === '/api/v1/reference/job-families/')
          return Response.json([{ code: 'health', label: 'Health and medicine', keywords: ['nurse'], divisions: ['86'] }]);
        if (url.pathname === '/api/v1/reference/languages/') return Response.json([{ code: 'en', label: 'English' }]);
        return Response.json([]);
      }),
    );
    const onDone = vi.fn();
    renderWithProviders(<SignUpForm programme={programme} role="mentor" onDone={onDone} />);
    expect(screen.getByRole('heading', { name: 'Become a mentor: \u2068Berlin jobs\u2069' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/First name/), 'Anna');
    await userEvent.type(screen.getByLabelText(/^Email/), 'anna@example.org');
    await userEvent.type(screen.getByLabelText(/^Password/), 'a-long-secret-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { name: 'Work and goals' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Please choose at least one work area.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search the work areas' }), 'nurse');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Health and medicine' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { name: 'Time and place' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText(/How many mentees/), '3');
    await userEvent.click(screen.getByRole('checkbox', { name: /Wednesday, Evening/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { name: 'Your consent' })).toBeInTheDocument();
    expect(screen.getByText(/In short: we use your answers only/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'I have read this and I agree' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bodies[0]).toMatchObject({
      role: 'mentor',
      profile: { sectors: ['health'], capacity: 3, availability: ['wed:evening'], online: true },
      consent: { given: true, version: 'v1' },
    });
  });
});
