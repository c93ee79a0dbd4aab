// Quick exit: replace the page with a neutral site at once (location.replace, so Back does not return),
// end the session without waiting, and forget everything stored in the browser except the language.
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { logoutInBackground } from '@/lib/auth';
import { runExitCleanups } from '@/lib/exit-cleanup';

export const NEUTRAL_SITE = 'https://www.google.com/search?q=weather';

/** Indirection so tests can watch the navigation (jsdom's location cannot be replaced). */
export const browser = {
  replace(url: string): void {
    window.location.replace(url);
  },
};

function clearStorage(): void {
  try {
    const language = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    localStorage.clear();
    if (language) localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    sessionStorage.clear();
  } catch {
    // Storage may be blocked (private mode); leaving still goes ahead.
  }
}

/**
 * Set on leaving, in this tab only (session storage): location.replace drops only the page she was on, so Back can
 * still reach an earlier Bridges page of the tab. Such a page, reached with Back or Forward, leaves again at once.
 */
export const EXITED_KEY = 'bridges.exited';

export function quickExit(): void {
  logoutInBackground();
  runExitCleanups();
  clearStorage();
  try {
    sessionStorage.setItem(EXITED_KEY, '1');
  } catch {
    // As above: leaving goes ahead.
  }
  browser.replace(NEUTRAL_SITE);
}

function navigationType(): string | undefined {
  const [entry] = (globalThis.performance?.getEntriesByType?.('navigation') ?? []) as PerformanceNavigationTiming[];
  return entry?.type;
}

/**
 * On a page load (or a restore from the back-forward cache): after a quick exit in this tab, Back or Forward
 * leaves again; any other visit (a typed address, a link, a reload) forgets the exit. Returns whether it left.
 */
export function leaveIfReturning(type: string | undefined = navigationType()): boolean {
  try {
    if (!sessionStorage.getItem(EXITED_KEY)) return false;
    if (type === 'back_forward') {
      browser.replace(NEUTRAL_SITE);
      return true;
    }
    sessionStorage.removeItem(EXITED_KEY);
  } catch {
    // Storage blocked: nothing was remembered either.
  }
  return false;
}

/** Escape this many times within this many milliseconds leaves (index.html's shell script does the same). */
export const ESCAPE_PRESSES = 3;
export const ESCAPE_WITHIN_MS = 1500;

/** A keydown listener that leaves after Escape is pressed three times within 1.5 seconds. */
export function tripleEscapeListener(onExit: () => void = quickExit): (event: KeyboardEvent) => void {
  let presses: number[] = [];
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const now = Date.now();
    presses = [...presses.filter((at) => now - at < ESCAPE_WITHIN_MS), now];
    if (presses.length >= ESCAPE_PRESSES) {
      presses = [];
      onExit();
    }
  };
}
