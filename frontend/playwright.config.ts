import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (apt-get install chromium fonts-noto-core): browser downloads are impossible here.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
const port = Number(process.env.E2E_PORT ?? 8010);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  // The pseudo-locale journey runs against its own build (playwright.pseudo.config.ts).
  testIgnore: ['**/pseudo.spec.ts'],
  outputDir: './test-results',
  // The journeys share one demo database and build on each other (sign-up, run, approve, accept): run in order.
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  // Reduced motion: no fade-ins, so the axe checks never measure a dialog half-way through its transition.
  use: { baseURL, trace: 'retain-on-failure', screenshot: 'only-on-failure', contextOptions: { reducedMotion: 'reduce' } },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions } },
  ],
  webServer: {
    // The backend serves the built app (npm run build first) at every non-API path, as in production.
    command: `E2E_PORT=${port} ./e2e/start-backend.sh`,
    url: `${baseURL}/healthz`,
    timeout: 240_000, // migrations, the demo (with its outcome history and trained model), on a loaded machine
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
