import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

  it('has a Menu button that opens the pages and the account below the row, shut by a link or Escape', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Layout>page</Layout>, { route: '/networks' });
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    const panel = document.getElementById(menu.getAttribute('aria-controls') ?? '');
    expect(panel).not.toBeNull();
    expect(panel!.contains(screen.getByRole('navigation', { name: 'Main' }))).toBe(true);
    expect(panel!.contains(await screen.findByRole('link', { name: 'Log in' }))).toBe(true);
    expect(panel).not.toHaveAttribute('data-open');
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(panel).toHaveAttribute('data-open');
    await user.click(screen.getByRole('link', { name: 'Log in' }));
    // Following one of its links shuts it; so does Escape, handing the focus back to the button.
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    await user.click(menu);
    await user.keyboard('{Escape}');
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveFocus();
  });
});
