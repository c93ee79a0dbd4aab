import { cleanup, screen } from '@testing-library/react';
import i18n from 'i18next';
import { Route, Routes } from '@/lib/router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { PasswordResetKeyRoute, VerifyEmailRoute } from './account';

function stubAllauth() {
  const seen: { path: string; key: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const path = new URL(url, 'http://localhost').pathname;
      if (path === '/_allauth/browser/v1/auth/email/verify') {
        seen.push({ path, key: (JSON.parse(String(init?.body)) as { key: string }).key });
        return Response.json({ status: 401, data: { flows: [] } }, { status: 401 });
      }
      if (path === '/_allauth/browser/v1/auth/password/reset') {
        seen.push({ path, key: new Headers(init?.headers).get('X-Password-Reset-Key') });
        return Response.json({ status: 200, data: {} });
      }
      return Response.json({ status: 401, data: { flows: [] } }, { status: 401 });
    }),
  );
  return seen;
}

// The paths of HEADLESS_FRONTEND_URLS (backend/config/settings/allauth.py), as the emails link to them.
function renderAt(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/account/password/reset/key/:key" element={<PasswordResetKeyRoute />} />
      <Route path="/account/verify-email/:key" element={<VerifyEmailRoute />} />
    </Routes>,
    { route },
  );
}

describe('account routes', () => {
  afterEach(async () => {
    cleanup();
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it('reads the confirmation key as the email wrote it (URL-encoded)', async () => {
    document.cookie = 'csrftoken=test-token';
    const seen = stubAllauth();
    renderAt('/account/verify-email/MQ%3A1xYlc6%3A8ghnJmNLDacmung_HBnmF0gNCPObxCuQmF9R9U1Eg_8');
    expect(await screen.findByText('Your email address is confirmed.')).toBeInTheDocument();
    expect(seen).toEqual([{ path: '/_allauth/browser/v1/auth/email/verify', key: 'MQ:1xYlc6:8ghnJmNLDacmung_HBnmF0gNCPObxCuQmF9R9U1Eg_8' }]);
  });

  it('opens the reset link right to left in Arabic', async () => {
    await i18n.changeLanguage('ar');
    const seen = stubAllauth();
    renderAt('/account/password/reset/key/90973cefed8f-diyugr-0aafee287a80');
    expect(await screen.findByRole('heading', { name: 'اختيار كلمة مرور جديدة' })).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
    expect(seen).toEqual([{ path: '/_allauth/browser/v1/auth/password/reset', key: '90973cefed8f-diyugr-0aafee287a80' }]);
  });
});
