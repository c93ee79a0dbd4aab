import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { renderWithProviders } from '@/test/render';
import { firstLanguages, JoinNetworkForm } from './join-form';

const programme: components['schemas']['ProgrammeOutput'] = {
  id: 'net1',
  kind: 'peer_network',
  name: 'Frontline peers',
  slug: 'frontline',
  description: '',
  welcome: '',
  text_languages: { name: 'en', description: '', welcome: '' },
  city: '',
  country: 'BE',
  online: true,
  languages: ['en'],
  signup_open: true,
  consent_text: 'We use your details to form peer groups.',
  consent_language: 'en',
  consent_languages: ['en', 'de', 'fr', 'ar', 'uk'],
  consent_version: 'v2',
  offer_expiry_days: 7,
  match_duration_days: 180,
};

function backend(signUp: (body: Record<string, unknown>) => Response) {
  const bodies: Record<string, unknown>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      // The typed client sends Request objects; the reference lists are fetched by a relative URL.
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/reference/worker-roles/') return Response.json([{ code: 'nurse', label: 'Nurse' }]);
      if (path === '/api/v1/reference/topics/')
        return Response.json([
          { code: 'housing', label: 'Housing' },
          { code: 'mental_health', label: 'Mental health' },
        ]);
      if (path === '/api/v1/reference/languages/') return Response.json([{ code: 'en', label: 'English' }]);
      if (path === '/api/v1/programmes/net1/signup/') {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        return signUp(body);
      }
      return Response.json({});
    }),
  );
  return bodies;
}

async function fillAll() {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByLabelText(/First name/), 'Sofia');
  await user.type(screen.getByLabelText(/^Email/), 'sofia@example.org');
  await user.type(screen.getByLabelText(/^Password/), 'a-long-secret-2026');
  await user.click(screen.getByRole('button', { name: 'Next' }));

  expect(await screen.findByRole('heading', { name: 'Your work' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Next' }));
  expect(screen.getAllByText('Please fill this in.').length).toBeGreaterThanOrEqual(3); // role, organisation, city
  await screen.findByRole('option', { name: 'Nurse' });
  await user.selectOptions(screen.getByLabelText(/^Your role/), 'nurse');
  await user.type(screen.getByLabelText(/^Organisation/), 'Pro Familia');
  await user.type(screen.getByLabelText(/^City where you work/), 'Brussels');
  await user.click(screen.getByRole('button', { name: 'Next' }));

  expect(await screen.findByRole('heading', { name: 'Languages' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Next' }));

  expect(await screen.findByRole('heading', { name: 'Topics' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Next' }));
  expect(screen.getByText('Choose at least one topic.')).toBeInTheDocument();
  await user.click(screen.getAllByRole('checkbox', { name: 'Housing' })[0]!);
  await user.click(screen.getAllByRole('checkbox', { name: 'Mental health' })[1]!);
  await user.click(screen.getByRole('button', { name: 'Next' }));

  expect(await screen.findByRole('heading', { name: 'Availability and contact' })).toBeInTheDocument();
  await user.click(screen.getByRole('checkbox', { name: 'Wednesday evening' }));
  // Sharing is off until she turns it on.
  expect(screen.getByRole('checkbox', { name: 'Show my email address to my group' })).not.toBeChecked();
  expect(screen.getByRole('checkbox', { name: 'Show my phone number to my group' })).not.toBeChecked();
  await user.click(screen.getByRole('button', { name: 'Next' }));

  expect(await screen.findByRole('heading', { name: 'Your consent' })).toBeInTheDocument();
  expect(screen.getByText('We use your details to form peer groups.')).toBeInTheDocument();
  await user.click(screen.getByRole('checkbox', { name: 'I have read this text and agree' }));
  await user.click(screen.getByRole('button', { name: 'Join the network' }));
}

describe('the languages she starts with', () => {
  it('is the one she reads the page in, with a level, and no other', () => {
    expect(firstLanguages('fr')).toEqual([{ code: 'fr', level: 'C2' }]);
    expect(firstLanguages('en')).toEqual([{ code: 'en', level: 'C2' }]);
  });
});

describe('joining a peer network as a frontline worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends her work, languages, topics, availability, sharing and consent; a refused field takes her back to it', { timeout: 30_000 }, async () => {
    document.cookie = 'csrftoken=test-token';
    let refuse = true;
    const bodies = backend(() => {
      if (!refuse) return Response.json({ id: 'x' }, { status: 201 });
      refuse = false;
      return Response.json(
        { type: 'validation_error', errors: [{ code: 'invalid', detail: 'Give the city where you work.', attr: 'profile.city' }] },
        { status: 400 },
      );
    });
    const onDone = vi.fn();
    renderWithProviders(<JoinNetworkForm programme={programme} onDone={onDone} />);
    await fillAll();

    expect(await screen.findByRole('heading', { name: 'Your work' })).toBeInTheDocument();
    expect(screen.getByText('Give the city where you work.')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    expect(bodies[0]).toEqual({
      role: 'frontline_worker',
      account: { display_name: 'Sofia', email: 'sofia@example.org', password: 'a-long-secret-2026', phone: '', preferred_language: 'en', address_as: '' },
      profile: {
        worker_role: 'nurse',
        organisation: 'Pro Familia',
        city: 'Brussels',
        country: 'BE',
        online: true,
        languages: [{ code: 'en', level: 'C2' }],
        topics_expertise: ['housing'],
        topics_interest: ['mental_health'],
        availability: ['wed:evening'],
        share_email: false,
        share_phone: false,
      },
      consent: { given: true, version: 'v2' },
    });

    // Her answers are kept: she goes through the steps again, this time shares her email, and joins.
    const user = userEvent.setup({ delay: null });
    for (let step = 0; step < 3; step += 1) await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Show my email address to my group' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Join the network' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatchObject({ profile: { share_email: true, share_phone: false } });
  });
});
