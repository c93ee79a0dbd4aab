// The pseudo-locale journey (e2e/pseudo.spec.ts) against its own build: `npm run build:pseudo`, then
// `npx playwright test -c playwright.pseudo.config.ts`. Every page of every role, on a desktop and a phone.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const port = Number(process.env.E2E_PORT ?? 8020);

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: 'pseudo.spec.ts',
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    ...(Array.isArray(base.webServer) ? base.webServer[0] : base.webServer)!,
    command: `E2E_PORT=${port} FRONTEND_DIST="$PWD/dist-pseudo" ./e2e/start-backend.sh`,
    url: `http://127.0.0.1:${port}/healthz`,
  },
});
