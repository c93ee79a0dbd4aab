// Test-only: what jsdom lacks and this feature's components use (the shared src/test/setup.ts could take it over).
// Mantine's autosizing Textarea listens to document.fonts.
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });
}
