// Her language on opening the app, picked as the server picks its first page's: her choice, else her browser's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectLanguage } from './i18n';
import { LANGUAGE_COOKIE, LANGUAGE_STORAGE_KEY } from './languages';

function browserSpeaks(...languages: string[]) {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

describe('detectLanguage', () => {
  afterEach(() => {
    localStorage.clear();
    document.cookie = `${LANGUAGE_COOKIE}=; max-age=0; path=/`;
    vi.restoreAllMocks();
  });

  it('takes the language she chose in this browser first', () => {
    browserSpeaks('de-DE');
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ar');
    expect(detectLanguage()).toBe('ar');
  });

  it('then the cookie, which also tells the server', () => {
    browserSpeaks('de-DE');
    document.cookie = `${LANGUAGE_COOKIE}=uk; path=/`;
    expect(detectLanguage()).toBe('uk');
  });

  it("then the first of the browser's languages the app speaks, by its base language", () => {
    browserSpeaks('es-ES', 'fr-BE', 'de');
    expect(detectLanguage()).toBe('fr');
  });

  it('passes over a stored language the app does not speak, and falls back to English', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'es');
    browserSpeaks('es-ES', 'pt');
    expect(detectLanguage()).toBe('en');
  });
});
