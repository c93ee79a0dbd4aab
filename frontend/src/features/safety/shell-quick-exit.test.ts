// The painted shell's Quick exit (an inline script in index.html, working before the app has loaded) must leave
// exactly as the app's does (quick-exit.ts): same neutral site, same storage kept and cleared, same logout request,
// same Escape rhythm. The script is run here as the browser runs it, against the same stand-ins as the app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { browser, ESCAPE_PRESSES, ESCAPE_WITHIN_MS, EXITED_KEY, NEUTRAL_SITE, quickExit } from './quick-exit';

const html = readFileSync(join(process.cwd(), 'index.html'), 'utf8'); // vitest runs in frontend/
const script = /<script nonce="__CSP_NONCE__">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

type Listener = (event: { key?: string; target?: unknown; preventDefault?: () => void }) => void;
type Effects = { left: string[]; requests: { url: string; init: RequestInit }[]; local: Record<string, string>; session: Record<string, string> };

function stored(storage: Storage): Record<string, string> {
  return Object.fromEntries(Array.from({ length: storage.length }, (_, index) => storage.key(index)!).map((key) => [key, storage.getItem(key)!]));
}

function prepare() {
  localStorage.clear();
  sessionStorage.clear();
  localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ar');
  localStorage.setItem('bridges.draft', 'a half-written message');
  sessionStorage.setItem('bridges.signup', '{"step":2}');
  document.cookie = 'csrftoken=token-123';
}

/** Runs the shell's script with the browser's storage and cookie, and stand-ins for leaving and the network. */
function runShell(type = 'navigate') {
  const listeners: Record<string, Listener[]> = {};
  const effects: Effects = { left: [], requests: [], local: {}, session: {} };
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    effects.requests.push({ url, init });
    return new Response(null, { status: 204 });
  });
  const fakeDocument = { cookie: document.cookie, getElementById: (id: string) => (id === 'shell-quick-exit' ? {} : null) };
  // The page's own inline script, run as the browser runs it.
  new Function('localStorage', 'sessionStorage', 'document', 'fetch', 'location', 'performance', 'addEventListener', script)(
    localStorage,
    sessionStorage,
    fakeDocument,
    fetch,
    { replace: (url: string) => effects.left.push(url) },
    { getEntriesByType: () => [{ type }] },
    (name: string, listener: Listener) => (listeners[name] ??= []).push(listener),
  );
  const press = () => listeners.keydown?.forEach((listener) => listener({ key: 'Escape' }));
  const tap = () =>
    listeners.click?.forEach((listener) =>
      listener({ target: { closest: (selector: string) => (selector === '#shell-quick-exit' ? {} : null) }, preventDefault: () => undefined }),
    );
  const snapshot = (): Effects => ({ ...effects, local: stored(localStorage), session: stored(sessionStorage) });
  return { press, tap, snapshot };
}

/** The app's Quick exit, with the same stand-ins. */
function runApp(): Effects {
  const effects: Effects = { left: [], requests: [], local: {}, session: {} };
  vi.spyOn(browser, 'replace').mockImplementation((url) => void effects.left.push(url));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      effects.requests.push({ url, init });
      return new Response(null, { status: 204 });
    }),
  );
  quickExit();
  return { ...effects, local: stored(localStorage), session: stored(sessionStorage) };
}

describe("the painted shell's Quick exit", () => {
  beforeEach(() => {
    prepare();
    vi.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('is in the page with the app\'s neutral site as its link', () => {
    expect(script).not.toBe('');
    expect(html).toMatch(new RegExp(`id="shell-quick-exit"[^>]*href="${NEUTRAL_SITE.replace(/[?.]/g, '\\$&')}"`));
  });

  it('leaves on a tap exactly as the app does: same site, same storage kept, same logout request', () => {
    const shell = runShell();
    shell.tap();
    const fromShell = shell.snapshot();
    prepare();
    const fromApp = runApp();
    expect(fromShell.left).toEqual([NEUTRAL_SITE]);
    expect(fromShell.left).toEqual(fromApp.left);
    expect(fromShell.local).toEqual({ [LANGUAGE_STORAGE_KEY]: 'ar' });
    expect(fromShell.local).toEqual(fromApp.local);
    expect(fromShell.session).toEqual({ [EXITED_KEY]: '1' });
    expect(fromShell.session).toEqual(fromApp.session);
    expect(fromShell.requests).toHaveLength(1);
    expect(fromShell.requests.map(({ url, init }) => [url, init.method, init.headers, init.keepalive])).toEqual(
      fromApp.requests.map(({ url, init }) => [url, init.method, init.headers, init.keepalive]),
    );
  });

  it(`leaves after Escape ${ESCAPE_PRESSES} times within ${ESCAPE_WITHIN_MS} ms, as the app does, and not when slower`, () => {
    const slow = runShell();
    for (let index = 0; index < ESCAPE_PRESSES; index++) {
      slow.press();
      vi.advanceTimersByTime(ESCAPE_WITHIN_MS / (ESCAPE_PRESSES - 1) + 1);
    }
    expect(slow.snapshot().left).toEqual([]);

    const quick = runShell();
    for (let index = 0; index < ESCAPE_PRESSES - 1; index++) {
      quick.press();
      vi.advanceTimersByTime(ESCAPE_WITHIN_MS / ESCAPE_PRESSES);
    }
    expect(quick.snapshot().left).toEqual([]);
    quick.press();
    expect(quick.snapshot().left).toEqual([NEUTRAL_SITE]);
  });

  it('leaves again before painting when she comes Back after an exit, and forgets the exit on a new visit', () => {
    sessionStorage.setItem(EXITED_KEY, '1');
    expect(runShell('back_forward').snapshot().left).toEqual([NEUTRAL_SITE]);
    const fresh = runShell('navigate').snapshot();
    expect(fresh.left).toEqual([]);
    expect(fresh.session[EXITED_KEY]).toBeUndefined();
  });
});
