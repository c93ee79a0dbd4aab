import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { renderWithProviders } from '@/test/render';
import { AssistedSignUp, assistedFieldForAttr } from './assisted-signup';

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
  consent_text: 'We use your data to find you a mentor.',
  consent_language: 'en',
  consent_languages: ['en', 'de', 'fr', 'ar', 'uk'],
  consent_version: 'v3',
  offer_expiry_days: 7,
  match_duration_days: 180,
};

function stubApi(answers: Response[], { open = true } = {}) {
  const bodies: Record<string, unknown>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
      const url = new URL(request.url, 'http://localhost');
      if (url.pathname === '/api/v1/programmes/p1/assisted-signups/' && request.method === 'POST') {
        bodies.push((await request.json()) as Record<string, unknown>);
        return answers.shift() ?? Response.json({}, { status: 500 });
      }
      if (url.pathname === '/api/v1/programmes/p1/') return Response.json({ ...programme, signup_open: open });
      if (url.pathname === '/api/v1/reference/languages/') return Response.json([{ code: 'ar', label: 'Arabic' }]);
      if (url.pathname === '/api/v1/reference/sectors/') return Response.json([{ code: '86', label: 'Health', parent: 'Q', icon: '' }]);
      if (url.pathname === '/api/v1/reference/goals/')
        return Response.json([{ code: 'job_search', label: 'Finding a job', parent: '', icon: '' }]);
      return Response.json([]);
    }),
  );
  return bodies;
}

async function openForm() {
  await userEvent.click(screen.getByRole('button', { name: 'Register a mentee' }));
  return screen.findByRole('dialog', { name: 'Register a mentee' });
}

describe('AssistedSignUp', () => {
  // jsdom has no document.fonts; Mantine's autosizing textarea listens to it.
  beforeAll(() => {
    if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('registers a mentee without email, with the way she consented, and says what happens next', async () => {
    document.cookie = 'csrftoken=test-token';
    const bodies = stubApi([
      Response.json(
        {
          type: 'validation_error',
          errors: [
            { code: 'invalid', detail: 'Give a city, or say you can meet online.', attr: 'profile.city' },
            { code: 'invalid', detail: 'The consent text has changed since the form was opened.', attr: 'consent.version' },
          ],
        },
        { status: 400 },
      ),
      Response.json({ id: 'pr1' }, { status: 201 }),
    ]);
    renderWithProviders(<AssistedSignUp programmeId="p1" />);
    const dialog = await openForm();
    expect(await within(dialog).findByText('We use your data to find you a mentor.')).toBeInTheDocument();

    // Nothing is sent until the form is complete; each missing answer is named next to its field.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Register her' }));
    expect(await within(dialog).findByText('Please choose at least one goal.')).toBeInTheDocument();
    expect(within(dialog).getByText('Please say how she gave her consent.')).toBeInTheDocument();
    expect(within(dialog).getByText('She needs to agree before you can register her.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/First name/)).toHaveAccessibleDescription('Please fill this in.');
    expect(bodies).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText(/First name/), 'Amal');
    // She was asked how texts about her should be worded, and said feminine.
    expect(within(dialog).getByRole('radiogroup', { name: /How does she want texts about her to be worded/ })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Feminine wording (she, her)' }));
    // The first language row's picker: the one that offers the languages.
    const arabic = await within(dialog).findByRole('option', { name: 'Arabic', hidden: true });
    await userEvent.selectOptions(arabic.closest('select')!, 'ar');
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Level/), 'C2');
    await userEvent.click(await within(dialog).findByRole('checkbox', { name: /Finding a job/ }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Through an interpreter' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'She has understood this text and agrees to it' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Register her' }));

    // The server's words: next to the field when it names one, otherwise in the alert.
    await vi.waitFor(() => expect(within(dialog).getByLabelText(/^City/)).toHaveAccessibleDescription('Give a city, or say you can meet online.'));
    expect(within(dialog).getByRole('alert', { name: 'Please check the following' })).toHaveTextContent(
      'The consent text has changed since the form was opened.',
    );

    await userEvent.click(within(dialog).getByRole('button', { name: 'Register her' }));
    expect(await within(dialog).findByRole('heading', { name: 'Amal is registered.' })).toBeInTheDocument();
    expect(within(dialog).getByText(/She has no email address, so Bridges cannot write to her/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Her consent is recorded as “Through an interpreter”/)).toBeInTheDocument();
    expect(bodies[1]).toEqual({
      account: { display_name: 'Amal', full_name: '', email: '', phone: '', preferred_language: 'en', address_as: 'feminine' },
      profile: {
        languages: [{ code: 'ar', level: 'C2' }],
        sectors: [],
        goals: ['job_search'],
        goals_text: '',
        city: 'Berlin',
        online: true,
        woman_mentor_only: false,
        online_only: false,
        gender: 'woman',
      },
      consent: { given: true, version: 'v3', method: 'interpreter' },
    });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Register another mentee' }));
    expect(within(dialog).getByLabelText(/First name/)).toHaveValue('');
  });

  it('says so when the programme’s sign-up is closed', async () => {
    stubApi([], { open: false });
    renderWithProviders(<AssistedSignUp programmeId="p1" />);
    const dialog = await openForm();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Sign-up to this programme is closed at the moment');
    expect(within(dialog).queryByRole('button', { name: 'Register her' })).not.toBeInTheDocument();
  });
});

describe('assistedFieldForAttr', () => {
  it.each([
    ['account.email', 'email'],
    ['account.display_name', 'displayName'],
    ['profile.languages.0.code', 'languages.0.code'],
    ['profile.languages', 'languages'],
    ['profile.online_only', 'onlineOnly'],
    ['consent.method', 'consentMethod'],
    ['consent.given', 'consentGiven'],
    ['consent.version', null],
    ['non_field_errors', null],
  ])('%s → %s', (attr, field) => {
    expect(assistedFieldForAttr(attr)).toBe(field);
  });
});
