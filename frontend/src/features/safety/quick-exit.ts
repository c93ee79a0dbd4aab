// Quick exit: replace the page with a neutral site at once (location.replace, so Back does not return),
// end the session without waiting, and forget everything stored in the browser except the language.
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { logoutInBackground } from '@/lib/auth';

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

export function quickExit(): void {
  logoutInBackground();
  clearStorage();
  browser.replace(NEUTRAL_SITE);
}

const PRESSES = 3;
const WITHIN_MS = 1500;

/** A keydown listener that leaves after Escape is pressed three times within 1.5 seconds. */
export function tripleEscapeListener(onExit: () => void = quickExit): (event: KeyboardEvent) => void {
  let presses: number[] = [];
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const now = Date.now();
    presses = [...presses.filter((at) => now - at < WITHIN_MS), now];
    if (presses.length >= PRESSES) {
      presses = [];
      onExit();
    }
  };
}
