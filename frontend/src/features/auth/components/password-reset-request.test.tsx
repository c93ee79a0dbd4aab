import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { PasswordResetRequest } from './password-reset-request';

type Answer = { status: number; body: unknown };

function stubAllauth(answer: Answer) {
  const requests: { path: string; method: string; body: unknown; csrf: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const path = new URL(url, 'http://localhost').pathname;
      requests.push({
        path,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : null,
        csrf: new Headers(init?.headers).get('X-CSRFToken'),
      });
      if (path === '/_allauth/browser/v1/auth/password/request') return Response.json(answer.body, { status: answer.status });
      return Response.json({}, { status: 404 });
    }),
  );
  return requests;
}

describe('PasswordResetRequest', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks allauth for a link and answers without saying whether the account exists', async () => {
    document.cookie = 'csrftoken=test-token';
    const requests = stubAllauth({ status: 200, body: { status: 200 } });
    renderWithProviders(<PasswordResetRequest />);
    expect(screen.getByRole('link', { name: 'Back to log in' })).toHaveAttribute('href', '/login');

    await userEvent.type(screen.getByLabelText(/Email/), 'not-an-address');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByText('Please enter a valid email address.')).toBeInTheDocument();
    expect(requests).toEqual([]);

    await userEvent.clear(screen.getByLabelText(/Email/));
    await userEvent.type(screen.getByLabelText(/Email/), ' amal@example.org ');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByRole('heading', { name: 'Please check your email' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('If an account exists for amal@example.org, we sent a link to this address.');
    expect(requests).toEqual([
      { path: '/_allauth/browser/v1/auth/password/request', method: 'POST', body: { email: 'amal@example.org' }, csrf: 'test-token' },
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Ask again' }));
    expect(screen.getByRole('button', { name: 'Send me a link' })).toBeInTheDocument();
  });

  it('shows allauth’s word about the address next to the field', async () => {
    document.cookie = 'csrftoken=test-token';
    stubAllauth({
      status: 400,
      body: { status: 400, errors: [{ message: 'Enter a valid email address.', code: 'invalid', param: 'email' }] },
    });
    renderWithProviders(<PasswordResetRequest />);
    await userEvent.type(screen.getByLabelText(/Email/), 'amal@example.o');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    const field = screen.getByLabelText(/Email/);
    await vi.waitFor(() => expect(field).toHaveAccessibleDescription('Enter a valid email address.'));
    expect(field).toHaveAttribute('aria-invalid', 'true');
  });

  it('says in plain words when too many links were asked for', async () => {
    document.cookie = 'csrftoken=test-token';
    stubAllauth({ status: 429, body: { status: 429 } });
    renderWithProviders(<PasswordResetRequest />);
    await userEvent.type(screen.getByLabelText(/Email/), 'amal@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong. Please try again.');
    expect(screen.queryByRole('heading', { name: 'Please check your email' })).not.toBeInTheDocument();
  });
});
