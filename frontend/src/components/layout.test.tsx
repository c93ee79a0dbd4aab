import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { Layout } from './layout';

describe('Layout', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  });

  it('has exactly one main landmark, and "skip to content" lands inside it', () => {
    renderWithProviders(
      <Layout>
        <p>Page</p>
      </Layout>,
    );
    expect(screen.getAllByRole('main')).toHaveLength(1);
    const target = document.getElementById('main');
    expect(target).not.toBeNull();
    expect(screen.getByRole('main').contains(target)).toBe(true);
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
  });

  it('offers "Log in" everywhere but on the login page and its code step', async () => {
    const page = renderWithProviders(<Layout>page</Layout>, { route: '/networks' });
    expect(await screen.findByRole('link', { name: 'Log in' })).toBeInTheDocument();
    page.unmount();
    renderWithProviders(<Layout>login</Layout>, { route: '/login' });
    await screen.findByText('login');
    expect(screen.queryByRole('link', { name: 'Log in' })).toBeNull();
  });
});
