import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from '@/lib/router';
import { renderWithProviders } from '@/test/render';
import { OrganisationsRoute } from './organisations';

/** Logged in as someone who runs these organisations; every organisation has no programme yet. */
function stubApi(organisations: { id: string; name: string }[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      if (url.pathname === '/_allauth/browser/v1/auth/session') return Response.json({ status: 200, data: { user: { id: 1, display: 'Ines' } } });
      if (url.pathname === '/api/v1/me/') return Response.json({ id: 'u1', display_name: 'Ines', memberships: [], organisations });
      if (/^\/api\/v1\/organisations\/[^/]+\/programmes\/$/.test(url.pathname))
        return Response.json({ count: 0, next: null, previous: null, results: [] });
      return Response.json({ type: 'client_error', errors: [{ code: 'not_found', detail: 'Not found.', attr: null }] }, { status: 404 });
    }),
  );
}

function renderAt(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/organisations" element={<OrganisationsRoute />} />
      <Route path="/organisations/:organisationId" element={<OrganisationsRoute />} />
    </Routes>,
    { route },
  );
}

describe('organisations route', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens her only organisation at once', async () => {
    stubApi([{ id: 'o1', name: 'IOM Germany' }]);
    renderAt('/organisations');
    expect(await screen.findByRole('heading', { level: 1, name: 'IOM Germany' })).toBeInTheDocument();
  });

  it('lets her choose among several, and treats an organisation she does not run as not found', async () => {
    stubApi([
      { id: 'o1', name: 'IOM Germany' },
      { id: 'o2', name: 'IOM France' },
    ]);
    const { unmount } = renderAt('/organisations');
    expect(await screen.findByRole('heading', { name: 'Choose an organisation' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'IOM France' })).toHaveAttribute('href', '/organisations/o2');
    unmount();
    renderAt('/organisations/o3');
    expect(await screen.findByText('This page does not exist.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });
});
