import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { catalogues } from '@/i18n/catalogues';
import { initI18n } from '@/i18n/i18n';

// findBy… and waitFor wait up to 5 s (not 1 s) for what should appear: on a busy machine a lazy page or a mocked
// answer can take longer without anything being wrong; what never appears still fails.
configure({ asyncUtilTimeout: 5_000 });

// Every language at once in the tests (the app loads one on demand).
initI18n(catalogues);

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom lacks these; Mantine uses them.
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener: () => {},
  removeListener: () => {},
  addEventListener: () => {},
  removeEventListener: () => {},
  dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
window.HTMLElement.prototype.scrollIntoView ??= () => {};
// Mantine's autosizing Textarea listens to document.fonts.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });
}
