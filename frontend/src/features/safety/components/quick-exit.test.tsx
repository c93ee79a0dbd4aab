import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { onQuickExit } from '@/lib/exit-cleanup';
import { renderWithProviders } from '@/test/render';
import { browser, EXITED_KEY, leaveIfReturning, NEUTRAL_SITE } from '../quick-exit';
import { QuickExitButton } from './quick-exit-button';

describe('Quick exit', () => {
  let replace: ReturnType<typeof vi.spyOn>;
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    replace = vi.spyOn(browser, 'replace').mockImplementation(() => undefined);
    fetchMock = vi.fn(async () => new Response(null, { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    document.cookie = 'csrftoken=test-token';
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    localStorage.setItem('bridges.draft', 'my answers');
    sessionStorage.setItem('bridges.step', '3');
  });
  afterEach(() => {
    sessionStorage.clear();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  function expectExited() {
    expect(replace).toHaveBeenCalledWith(NEUTRAL_SITE);
    expect(localStorage.getItem('bridges.draft')).toBeNull();
    // Only the mark that this tab left, so that Back into an earlier Bridges page leaves again.
    expect(sessionStorage.length).toBe(1);
    expect(sessionStorage.getItem(EXITED_KEY)).toBe('1');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/_allauth/browser/v1/auth/session');
    expect(init.method).toBe('DELETE');
    expect(init.keepalive).toBe(true);
    expect(new Headers(init.headers).get('X-CSRFToken')).toBe('test-token');
  }

  it('replaces the page, clears the storage except the language and logs out, from the button', async () => {
    renderWithProviders(<QuickExitButton />);
    await userEvent.click(screen.getByRole('button', { name: 'Quick exit' }));
    expectExited();
  });

  it('runs what the features registered (an unsent message on screen), even when one of them fails', async () => {
    const failing = vi.fn(() => {
      throw new Error('broken');
    });
    const emptyComposer = vi.fn();
    const unregister = [onQuickExit(failing), onQuickExit(emptyComposer)];
    renderWithProviders(<QuickExitButton />);
    await userEvent.click(screen.getByRole('button', { name: 'Quick exit' }));
    expect(failing).toHaveBeenCalledOnce();
    expect(emptyComposer).toHaveBeenCalledOnce();
    expectExited();
    for (const stop of unregister) stop();
  });

  it('is reachable with the keyboard', async () => {
    renderWithProviders(<QuickExitButton />);
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Quick exit' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expectExited();
  });

  it('leaves when Escape is pressed three times, not twice', () => {
    renderWithProviders(<QuickExitButton />);
    fireEvent.keyDown(window, { key: 'Escape' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(replace).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'Escape' });
    expectExited();
  });

  it('leaves again when Back or Forward returns to a tab that left, and forgets the exit on a fresh visit', () => {
    expect(leaveIfReturning('back_forward')).toBe(false);
    expect(replace).not.toHaveBeenCalled();
    sessionStorage.setItem(EXITED_KEY, '1');
    expect(leaveIfReturning('back_forward')).toBe(true);
    expect(replace).toHaveBeenCalledWith(NEUTRAL_SITE);
    replace.mockClear();
    expect(leaveIfReturning('navigate')).toBe(false);
    expect(replace).not.toHaveBeenCalled();
    expect(sessionStorage.getItem(EXITED_KEY)).toBeNull();
  });
});
