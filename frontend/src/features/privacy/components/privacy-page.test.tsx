import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ConsentList } from './consent-list';
import { DeleteAccount } from './delete-account';

const record = {
  id: 'r1',
  programme: 'p1',
  purpose: 'contact_sharing',
  text_version: '1',
  text: 'I agree that the contact details I choose are shown to my mentor.',
  given_at: '2026-05-01T10:00:00Z',
  method: 'self_online',
  withdrawn_at: null,
};

function consent(state: 'given' | 'withdrawn') {
  return {
    programme: 'p1',
    programme_name: 'Jobs Berlin',
    purpose: 'contact_sharing',
    consent_state: state,
    current_version: '1',
    current_text: record.text,
    stops: 'Your mentor and group members no longer see your email or phone number.',
    record: state === 'given' ? record : { ...record, withdrawn_at: '2026-05-02T10:00:00Z' },
    history: [record],
  };
}

type Call = { method: string; path: string; body: unknown };

function stubApi(handler: (call: Call) => Response | undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'));
      const url = new URL(request.url, 'http://localhost');
      const text = request.method === 'GET' ? '' : await request.text();
      const call = { method: request.method, path: url.pathname, body: text ? JSON.parse(text) : null };
      calls.push(call);
      return handler(call) ?? Response.json([]);
    }),
  );
  return calls;
}

describe('ConsentList', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('withdraws a consent only after a confirmation that says what stops', async () => {
    document.cookie = 'csrftoken=test-token';
    let state: 'given' | 'withdrawn' = 'given';
    const calls = stubApi((call) => {
      if (call.path === '/api/v1/me/consents/withdraw/') {
        state = 'withdrawn';
        return Response.json({ ...record, withdrawn_at: '2026-05-02T10:00:00Z' });
      }
      if (call.path === '/api/v1/me/consents/') return Response.json([consent(state)]);
      return undefined;
    });

    renderWithProviders(<ConsentList />);
    const card = await screen.findByRole('article', { name: 'Showing my contact details to my mentor or group' });
    expect(within(card).getByText('Given')).toBeInTheDocument();
    expect(within(card).getByText(record.text)).toBeInTheDocument();
    expect(within(card).getByText(/Text version 1/)).toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: 'Withdraw' }));
    const dialog = await screen.findByRole('dialog', { name: 'Withdraw this consent?' });
    expect(within(dialog).getByText(/no longer see your email or phone number/)).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/withdraw/'))).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Yes, withdraw' }));

    expect(await screen.findByText('Withdrawn')).toBeInTheDocument();
    const withdraw = calls.find((c) => c.path === '/api/v1/me/consents/withdraw/');
    expect(withdraw?.body).toEqual({ programme: 'p1', purpose: 'contact_sharing' });
    expect(screen.getByRole('button', { name: 'I agree' })).toBeInTheDocument();
  });
});

describe('Leaving a programme', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('leaves only after a confirmation that says what ends, and is offered only while she takes part', async () => {
    document.cookie = 'csrftoken=test-token';
    let taking = true;
    const participation = () => ({
      ...consent(taking ? 'given' : 'withdrawn'),
      purpose: 'programme',
      stops: 'You leave the programme.',
    });
    const calls = stubApi((call) => {
      if (call.path === '/api/v1/programmes/p1/leave/') {
        taking = false;
        return new Response(null, { status: 204 });
      }
      if (call.path === '/api/v1/me/consents/') return Response.json([participation(), consent('given')]);
      return undefined;
    });

    renderWithProviders(<ConsentList />);
    await userEvent.click(await screen.findByRole('button', { name: 'Leave this programme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave Jobs Berlin?' });
    expect(within(dialog).getByText(/your offers and matches in this programme end/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Your account stays/)).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/leave/'))).toBe(false);

    await userEvent.click(within(dialog).getByRole('button', { name: 'No, stay' }));
    expect(calls.some((c) => c.path.endsWith('/leave/'))).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Leave this programme' }));
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Leave Jobs Berlin?' })).getByRole('button', {
        name: 'Yes, leave',
      }),
    );
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Leave this programme' })).toBeNull());
    expect(calls.filter((c) => c.path === '/api/v1/programmes/p1/leave/')).toHaveLength(1);
  });
});

describe('DeleteAccount', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the typed word before deleting', async () => {
    document.cookie = 'csrftoken=test-token';
    const calls = stubApi((call) => (call.path === '/api/v1/me/erase/' ? new Response(null, { status: 204 }) : undefined));
    const onDeleted = vi.fn();
    renderWithProviders(<DeleteAccount onDeleted={onDeleted} />);

    expect(screen.getByText(/without your name/)).toBeInTheDocument();
    const input = screen.getByLabelText('To confirm, type DELETE');
    await userEvent.type(input, 'delet');
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    expect(await screen.findByText('Type DELETE exactly as shown.')).toBeInTheDocument();
    expect(calls.some((c) => c.path === '/api/v1/me/erase/')).toBe(false);

    await userEvent.type(input, 'e');
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(calls.find((c) => c.path === '/api/v1/me/erase/')?.body).toEqual({ confirm: 'DELETE' });
  });
});
