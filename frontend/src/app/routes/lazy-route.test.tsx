import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { lazyRoute } from './lazy-route';

describe('lazyRoute', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('renders the page once its file has loaded', async () => {
    const Page = lazyRoute(async () => ({ Hello: () => <p>Hello</p> }), (m) => m.Hello);
    renderWithProviders(<Page />);
    expect(await screen.findByText('Hello')).toBeInTheDocument();
  });

  it('reloads once when the file is gone (a new release), then says so plainly', async () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const First = lazyRoute(failing, () => () => null);
    renderWithProviders(<First />);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));

    // After the reload the file is still missing: a message with a retry button instead of a blank page.
    const Second = lazyRoute(failing, () => () => null);
    renderWithProviders(<Second />);
    expect(await screen.findByRole('alert')).toHaveTextContent('This page could not be loaded.');
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
