// Run Python against the e2e backend's own database (its var dir is written by e2e/start-backend.sh), for the
// few steps a browser cannot take, such as letting time pass before the scheduled work runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from '@playwright/test';

export function runInBackend(python: string, env: Record<string, string> = {}): string {
  const port = process.env.E2E_PORT ?? '8010';
  const varDir = readFileSync(join(tmpdir(), `bridges-e2e-${port}.var`), 'utf8').trim();
  const backend = join(dirname(test.info().config.configFile ?? join(process.cwd(), 'playwright.config.ts')), '..', 'backend');
  const { DATABASE_URL: _db, CELERY_BROKER_URL: _broker, REDIS_URL: _redis, ...rest } = process.env;
  return execFileSync('../.venv/bin/python', ['manage.py', 'shell', '-c', python], {
    cwd: backend,
    env: { ...rest, ...env, BRIDGES_VAR_DIR: varDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}
