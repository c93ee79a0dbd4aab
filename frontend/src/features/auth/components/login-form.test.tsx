import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { LoginForm } from './login-form';

const me = (twoStep: { required: boolean; enabled: boolean; passed: boolean }) => ({
  id: 'u1',
  email: 'coordinator@example.org',
  email_verified: true,
  display_name: 'Clara',
  full_name: 'Clara Berger',
  phone: '',
  preferred_language: 'en',
  is_staff: false,
  memberships: [{ id: 'm1', programme: 'p1', programme_name: 'Jobs', programme_kind: 'mentoring', role: 'coordinator', profile: null }],
  two_step: twoStep,
});

describe('LoginForm', () => {
  it('offers a way to reset a forgotten password', () => {
    renderWithProviders(<LoginForm onLoggedIn={vi.fn()} />);
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/account/password/reset');
  });
});

describe('LoginForm with two-step verification', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the code when allauth waits for it, then logs the coordinator in', async () => {
    document.cookie = 'csrftoken=test-token';
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const path = new URL(url, 'http://localhost').pathname;
        calls.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${path}`);
        if (path === '/_allauth/browser/v1/auth/login')
          return Response.json({ status: 401, data: { flows: [{ id: 'mfa_authenticate', is_pending: true }] } }, { status: 401 });
        if (path === '/_allauth/browser/v1/auth/2fa/authenticate') {
          expect(JSON.parse(String(init?.body))).toEqual({ code: '123456' });
          return Response.json({ status: 200, data: { user: { id: 'u1', display: 'Clara', email: 'c@example.org' } } });
        }
        if (path === '/api/v1/me/') return Response.json(me({ required: true, enabled: true, passed: true }));
        return Response.json({}, { status: 401 });
      }),
    );
    const onLoggedIn = vi.fn();
    renderWithProviders(<LoginForm onLoggedIn={onLoggedIn} />);
    await userEvent.type(screen.getByLabelText(/Email/), 'coordinator@example.org');
    await userEvent.type(screen.getByLabelText(/Password/), 'demo-bridges-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await userEvent.type(await screen.findByLabelText(/Code/), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await vi.waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith('coordinator', 'p1'));
    expect(calls).toContain('POST /_allauth/browser/v1/auth/2fa/authenticate');
  });

  it('leads a coordinator without an authenticator to set one up', async () => {
    document.cookie = 'csrftoken=test-token';
    let enabled = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const path = new URL(url, 'http://localhost').pathname;
        const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
        if (path === '/_allauth/browser/v1/auth/login') return Response.json({ status: 200, data: {} });
        if (path === '/api/v1/me/') return Response.json(me({ required: true, enabled, passed: enabled }));
        if (path === '/_allauth/browser/v1/account/authenticators/totp' && method === 'GET')
          return Response.json({ status: 404, meta: { secret: 'JBSWY3DPEHPK3PXP', totp_url: 'otpauth://totp/Bridges' } }, { status: 404 });
        if (path === '/_allauth/browser/v1/auth/reauthenticate') return Response.json({ status: 200, data: {} });
        if (path === '/_allauth/browser/v1/account/authenticators/totp' && method === 'POST') {
          enabled = true;
          return Response.json({ status: 200, data: {} });
        }
        return Response.json({}, { status: 401 });
      }),
    );
    const onLoggedIn = vi.fn();
    renderWithProviders(<LoginForm onLoggedIn={onLoggedIn} />);
    await userEvent.type(screen.getByLabelText(/Email/), 'coordinator@example.org');
    await userEvent.type(screen.getByLabelText(/Password/), 'demo-bridges-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Set up two-step verification' })).toBeInTheDocument();
    expect(await screen.findByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Code/), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on two-step verification' }));
    await vi.waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith('coordinator', 'p1'));
  });
});
