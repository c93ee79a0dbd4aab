import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { VerifyEmail } from './verify-email';

const VERIFY = '/_allauth/browser/v1/auth/email/verify';

function stubVerify(answer: { status: number; body: unknown }, { loggedIn = false } = {}) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const path = new URL(url, 'http://localhost').pathname;
      if (path === VERIFY && init?.method === 'POST') {
        posted.push(JSON.parse(String(init.body)));
        return Response.json(answer.body, { status: answer.status });
      }
      if (path === '/_allauth/browser/v1/auth/session')
        return loggedIn
          ? Response.json({ status: 200, data: { user: { id: 'u1', display: 'Amal', email: 'amal@example.org' } } })
          : Response.json({ status: 401, data: { flows: [] } }, { status: 401 });
      return Response.json({}, { status: 404 });
    }),
  );
  return posted;
}

describe('VerifyEmail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('confirms the address once and leads to login when not logged in', async () => {
    document.cookie = 'csrftoken=test-token';
    const posted = stubVerify({ status: 401, body: { status: 401, data: { flows: [{ id: 'login' }] }, meta: { is_authenticated: false } } });
    renderWithProviders(<VerifyEmail verificationKey="MQ:1xYlc6:abc" />);
    expect(await screen.findByRole('status', { name: 'Thank you' })).toHaveTextContent('Your email address is confirmed.');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(posted).toEqual([{ key: 'MQ:1xYlc6:abc' }]);
  });

  it('leads to her page when she is logged in', async () => {
    document.cookie = 'csrftoken=test-token';
    stubVerify({ status: 200, body: { status: 200, data: {} } }, { loggedIn: true });
    renderWithProviders(<VerifyEmail verificationKey="MQ:1xYlc6:abc" />);
    expect(await screen.findByText('Your email address is confirmed.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Go to my page' })).toHaveAttribute('href', '/me');
  });

  it('says in plain words that a used or old link does not work', async () => {
    document.cookie = 'csrftoken=test-token';
    stubVerify({
      status: 400,
      body: { status: 400, errors: [{ message: 'Invalid or expired key.', code: 'invalid_or_expired_key', param: 'key' }] },
    });
    renderWithProviders(<VerifyEmail verificationKey="old" />);
    const alert = await screen.findByRole('alert', { name: 'This link does not work any more' });
    expect(alert).toHaveTextContent('It may have been used already, or it is too old.');
    expect(screen.queryByText('Invalid or expired key.')).not.toBeInTheDocument();
  });
});
