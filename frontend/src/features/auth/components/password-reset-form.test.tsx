import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { PasswordResetForm } from './password-reset-form';

const RESET = '/_allauth/browser/v1/auth/password/reset';
const BAD_KEY = { status: 400, errors: [{ message: 'The password reset token was invalid.', code: 'invalid_password_reset', param: 'key' }] };

type Handler = (request: { method: string; key: string | null; body: Record<string, unknown> | null }) => Response;

function stubReset(handler: Handler) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const path = new URL(url, 'http://localhost').pathname;
      if (path !== RESET) return Response.json({}, { status: 401 });
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null;
      if (method === 'POST') posted.push(body);
      return handler({ method, key: new Headers(init?.headers).get('X-Password-Reset-Key'), body });
    }),
  );
  return posted;
}

describe('PasswordResetForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('checks the key, shows allauth’s words under the password field, then leads to login', async () => {
    document.cookie = 'csrftoken=test-token';
    const checkedKeys: (string | null)[] = [];
    const posted = stubReset(({ method, key, body }) => {
      if (method === 'GET') {
        checkedKeys.push(key);
        return Response.json({ status: 200, data: { user: { id: 'u1', display: 'Amal' } } });
      }
      if (body?.password === 'password123')
        return Response.json(
          { status: 400, errors: [{ message: 'This password is too common.', code: 'password_too_common', param: 'password' }] },
          { status: 400 },
        );
      // Not logged in afterwards: allauth answers 401 with the login flow.
      return Response.json({ status: 401, data: { flows: [{ id: 'login' }] }, meta: { is_authenticated: false } }, { status: 401 });
    });
    renderWithProviders(<PasswordResetForm resetKey="u1-abc-123" />);
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(checkedKeys).toEqual(['u1-abc-123']);

    const password = screen.getByLabelText(/^New password(?! again)/, { selector: 'input' });
    const confirm = screen.getByLabelText(/New password again/, { selector: 'input' });
    await userEvent.type(password, 'short');
    await userEvent.type(confirm, 'other');
    await userEvent.click(screen.getByRole('button', { name: 'Save my new password' }));
    expect(await screen.findByText('Please use at least 10 characters.')).toBeInTheDocument();
    expect(screen.getByText('The two passwords are not the same.')).toBeInTheDocument();
    expect(posted).toEqual([]);

    await userEvent.clear(password);
    await userEvent.clear(confirm);
    await userEvent.type(password, 'password123');
    await userEvent.type(confirm, 'password123');
    await userEvent.click(screen.getByRole('button', { name: 'Save my new password' }));
    await vi.waitFor(() => expect(password).toHaveAccessibleDescription(/This password is too common\./));

    await userEvent.clear(password);
    await userEvent.clear(confirm);
    await userEvent.type(password, 'a-new-long-passphrase');
    await userEvent.type(confirm, 'a-new-long-passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Save my new password' }));
    expect(await screen.findByRole('heading', { name: 'Your password is changed' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(posted).toEqual([
      { key: 'u1-abc-123', password: 'password123' },
      { key: 'u1-abc-123', password: 'a-new-long-passphrase' },
    ]);
  });

  it('says a used or old link does not work and offers a new one', async () => {
    stubReset(() => Response.json(BAD_KEY, { status: 400 }));
    renderWithProviders(<PasswordResetForm resetKey="used-key" />);
    expect(await screen.findByRole('heading', { name: 'This link does not work any more' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('works only once and for a short time');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/account/password/reset');
    expect(screen.queryByLabelText(/^New password(?! again)/)).not.toBeInTheDocument();
  });

  it('also when the key runs out between the check and the new password', async () => {
    document.cookie = 'csrftoken=test-token';
    stubReset(({ method }) => (method === 'GET' ? Response.json({ status: 200, data: {} }) : Response.json(BAD_KEY, { status: 400 })));
    renderWithProviders(<PasswordResetForm resetKey="u1-abc-123" />);
    await userEvent.type(await screen.findByLabelText(/^New password(?! again)/, { selector: 'input' }), 'a-new-long-passphrase');
    await userEvent.type(screen.getByLabelText(/New password again/, { selector: 'input' }), 'a-new-long-passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Save my new password' }));
    expect(await screen.findByRole('heading', { name: 'This link does not work any more' })).toBeInTheDocument();
  });
});
