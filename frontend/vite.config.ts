/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { paintedShell } from './scripts/shell-plugin';

// The backend the dev server (and `vite preview`) forwards API calls to.
const backend = process.env.BRIDGES_BACKEND_URL ?? 'http://127.0.0.1:8000';
const proxy = Object.fromEntries(
  ['/api', '/_allauth', '/admin'].map((path) => [path, { target: backend, changeOrigin: false }]),
);

export default defineConfig({
  plugins: [react(), paintedShell(fileURLToPath(new URL('./src/i18n/locales', import.meta.url)))],
  // Django serves the built index.html at every app path and the assets from STATIC_URL.
  base: '/static/',
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // A test that hangs still fails; on a busy machine (CI next to other work) a form test of several steps can
    // take longer than vitest's default 5 s without anything being wrong.
    testTimeout: 60_000,
  },
});
