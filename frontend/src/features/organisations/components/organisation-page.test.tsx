import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema';
import { on, serve } from '@/test/api-handlers';
import { renderWithProviders } from '@/test/render';
import { OrganisationPage } from './organisation-page';

type Programme = components['schemas']['OrganisationProgrammeOutput'];
type Coordinator = components['schemas']['CoordinatorOutput'];
const PROGRAMMES = '/api/v1/organisations/{organisation_id}/programmes/' as const;
const COORDINATORS = '/api/v1/programmes/{programme_id}/coordinators/' as const;
const LANGUAGES = '/api/v1/reference/languages/' as const;

function programme(overrides: Partial<Programme> = {}): Programme {
  return {
    id: 'p1',
    kind: 'mentoring',
    name: 'Berlin jobs',
    slug: 'berlin-jobs',
    city: 'Berlin',
    country: 'DE',
    online: true,
    languages: ['de', 'ar'],
    signup_open: true,
    created_at: '2026-11-01T10:00:00Z',
    coordinator_count: 2,
    participant_count: 41,
    coordinating: true,
    ...overrides,
  };
}

function coordinator(overrides: Partial<Coordinator> = {}): Coordinator {
  return { id: 'c1', display_name: 'Lena', email: 'lena@example.org', since: '2026-11-02T10:00:00Z', password_set: true, ...overrides };
}

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

function renderPage() {
  return renderWithProviders(<OrganisationPage organisationId="o1" organisationName="IOM Germany" />);
}

// Typing into several fields takes a while on a busy machine; nothing here waits on a clock.
describe('OrganisationPage', { timeout: 30_000 }, () => {
  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists the organisation's programmes with their counts and a dashboard link where she coordinates", async () => {
    const api = serve(
      on('get', PROGRAMMES, ({ reply }) =>
        reply(200, page([programme(), programme({ id: 'p2', name: 'Frontline peers', kind: 'peer_network', signup_open: false, coordinating: false, coordinator_count: 1, participant_count: 0 })])),
      ),
    );
    renderPage();
    const rows = await screen.findAllByTestId('organisation-programme');
    expect(api.calls[0]?.path).toBe('/api/v1/organisations/o1/programmes/');
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first).toHaveTextContent('Berlin jobs');
    expect(first).toHaveTextContent('Mentoring programme');
    expect(first).toHaveTextContent('Open');
    expect(first).toHaveTextContent('41');
    expect(within(first).getByRole('link', { name: 'Open dashboard of Berlin jobs' })).toHaveAttribute('href', '/coordinator/p1');
    expect(second).toHaveTextContent('Peer network');
    expect(second).toHaveTextContent('Closed');
    expect(within(second).queryByRole('link')).toBeNull();
  });

  it('creates a programme: a refused name is shown on its field, then the new programme is listed with what to do next', async () => {
    let created = false;
    let attempts = 0;
    const api = serve(
      on('get', PROGRAMMES, ({ reply }) => reply(200, page(created ? [programme({ id: 'p9', name: 'Hamburg care', signup_open: false })] : []))),
      on('get', LANGUAGES, ({ reply }) => reply(200, [{ code: 'de', label: 'German' }, { code: 'ar', label: 'Arabic' }])),
      on('post', PROGRAMMES, ({ reply }) => {
        attempts += 1;
        if (attempts === 1)
          return reply(400, {
            type: 'validation_error',
            errors: [{ code: 'max_length', detail: 'Ensure this field has no more than 200 characters.', attr: 'name' }],
          } as never);
        created = true;
        return reply(201, programme({ id: 'p9', name: 'Hamburg care', signup_open: false }));
      }),
    );
    renderPage();
    expect(await screen.findByText('Your organisation has no programme yet. Create the first one above.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'New programme' }));

    // Nothing is sent before the kind, the name and a language are given; each says so on its field.
    await userEvent.click(screen.getByRole('button', { name: 'Create the programme' }));
    expect(await screen.findByText('Choose the kind of programme.')).toBeInTheDocument();
    expect(screen.getByText('Give the programme a name.')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one language.')).toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    expect(screen.getByRole('radio', { name: 'Later, when it is set up' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'I will coordinate it myself' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'Mentoring programme' }));
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'Hamburg care');
    await userEvent.type(screen.getByRole('textbox', { name: 'City' }), 'Hamburg');
    await userEvent.click(screen.getByLabelText(/Languages it runs in/, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'German', hidden: true }));
    await userEvent.click(screen.getByRole('button', { name: 'Create the programme' }));

    expect(await screen.findByText('Ensure this field has no more than 200 characters.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAttribute('aria-invalid', 'true');
    const [first] = api.calls.filter((call) => call.method === 'POST');
    expect(first?.body).toEqual({
      kind: 'mentoring',
      name: 'Hamburg care',
      city: 'Hamburg',
      country: '',
      online: false,
      languages: ['de'],
      signup_open: false,
      coordinate: true,
    });

    await userEvent.click(screen.getByRole('button', { name: 'Create the programme' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(/Hamburg care.* is created/);
    expect(status).toHaveTextContent('Next: appoint its coordinators.');
    expect(within(status).getByRole('button', { name: 'Appoint coordinators' })).toBeInTheDocument();
    // The list is asked again and shows it.
    const rows = await screen.findAllByTestId('organisation-programme');
    expect(rows[0]).toHaveTextContent('Hamburg care');
    expect(api.calls.filter((call) => call.method === 'GET' && call.path.endsWith('/programmes/')).length).toBeGreaterThanOrEqual(2);
  });

  it('duplicates a programme for its next cohort under a new name, and marks an ended one', async () => {
    let duplicated = false;
    const api = serve(
      on('get', PROGRAMMES, ({ reply }) =>
        reply(
          200,
          page([
            programme({ closed_at: '2026-11-20T10:00:00Z', signup_open: false }),
            ...(duplicated ? [programme({ id: 'p3', name: 'Berlin jobs 2027', signup_open: false })] : []),
          ]),
        ),
      ),
      on('post', '/api/v1/programmes/{programme_id}/duplicate/', ({ reply }) => {
        duplicated = true;
        return reply(201, programme({ id: 'p3', name: 'Berlin jobs 2027', signup_open: false }));
      }),
    );
    renderPage();
    const [ended] = await screen.findAllByTestId('organisation-programme');
    expect(ended).toHaveTextContent('Ended');
    await userEvent.click(within(ended as HTMLElement).getByRole('button', { name: 'Duplicate Berlin jobs for its next cohort' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the new programme' }));
    expect(await within(dialog).findByText('Give the new programme a name.')).toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    await userEvent.type(within(dialog).getByRole('textbox', { name: /Name of the new programme/ }), 'Berlin jobs 2027');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the new programme' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(/Berlin jobs 2027.* is created/);
    const [posted] = api.calls.filter((call) => call.method === 'POST');
    expect(posted?.path).toBe('/api/v1/programmes/p1/duplicate/');
    expect(posted?.body).toEqual({ name: 'Berlin jobs 2027', coordinate: true });
    await waitFor(() => expect(screen.getAllByTestId('organisation-programme')).toHaveLength(2));
  });

  it('appoints a coordinator by email and says what happened each time', async () => {
    const people = [coordinator()];
    const answers = [
      { status: 201 as const, new_account: true, already: false },
      { status: 200 as const, new_account: false, already: true },
    ];
    const api = serve(
      on('get', PROGRAMMES, ({ reply }) => reply(200, page([programme()]))),
      on('get', COORDINATORS, ({ reply }) => reply(200, page(people))),
      on('post', COORDINATORS, ({ body, reply }) => {
        const answer = answers.shift()!;
        const appointed = coordinator({ id: 'c2', display_name: body.display_name ?? 'amira', email: body.email, password_set: false });
        if (answer.status === 201) people.push(appointed);
        return reply(answer.status, { coordinator: appointed, new_account: answer.new_account, already: answer.already });
      }),
    );
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Coordinators of Berlin jobs' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('lena@example.org')).toBeInTheDocument();

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'amira@example.org');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Amira');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Appoint' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      /amira@example\.org.* is now a coordinator\. We emailed her a link to set her password\./,
    );
    expect(api.calls.find((call) => call.method === 'POST')?.body).toEqual({ email: 'amira@example.org', display_name: 'Amira' });
    const row = (await within(dialog).findAllByTestId('coordinator-row')).find((r) => r.textContent?.includes('amira@example.org'));
    expect(row).toHaveTextContent('Invited: has not set a password yet');

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'amira@example.org');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Appoint' }));
    expect(await within(dialog).findByText(/amira@example\.org.* already coordinates this programme\. Nothing changed\./)).toBeInTheDocument();
  });

  it('shows an invalid email on its field, from the server too', async () => {
    serve(
      on('get', PROGRAMMES, ({ reply }) => reply(200, page([programme()]))),
      on('get', COORDINATORS, ({ reply }) => reply(200, page([coordinator()]))),
      on('post', COORDINATORS, ({ reply }) =>
        reply(400, { type: 'validation_error', errors: [{ code: 'invalid', detail: 'Enter a valid email address.', attr: 'email' }] } as never),
      ),
    );
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Coordinators of Berlin jobs' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'amira@example');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Appoint' }));
    expect(await within(dialog).findByText('Enter an email address, like name@example.org.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Email/ }), '.x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Appoint' }));
    expect(await within(dialog).findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: /^Email/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('removes a coordinator only after a confirmation, and says plainly why the last one stays', async () => {
    const people = [coordinator(), coordinator({ id: 'c2', display_name: 'Mariam', email: 'mariam@example.org' })];
    const api = serve(
      on('get', PROGRAMMES, ({ reply }) => reply(200, page([programme()]))),
      on('get', COORDINATORS, ({ reply }) => reply(200, page([...people]))),
      on('delete', '/api/v1/coordinators/{coordinator_id}/', ({ params, reply }) => {
        if (people.length === 1)
          return reply(409, {
            type: 'client_error',
            errors: [{ code: 'conflict', detail: 'A programme needs at least one coordinator: appoint another before removing this one.', attr: null }],
          } as never);
        people.splice(
          people.findIndex((person) => person.id === params.coordinator_id),
          1,
        );
        return reply(204, undefined as never);
      }),
    );
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Coordinators of Berlin jobs' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Remove Mariam' }));
    expect(within(dialog).getByText(/Mariam.* as a coordinator\? Her account and any other roles stay\./)).toBeInTheDocument();
    expect(api.calls.filter((call) => call.method === 'DELETE')).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(within(dialog).queryByText('mariam@example.org')).toBeNull());
    expect(api.calls.find((call) => call.method === 'DELETE')?.path).toBe('/api/v1/coordinators/c2/');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove Lena' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Yes, remove' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Not removed');
    expect(alert).toHaveTextContent('A programme needs at least one coordinator: appoint another before removing this one.');
    expect(within(dialog).getByText('lena@example.org')).toBeInTheDocument();
  });
});
