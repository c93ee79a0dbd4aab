// Lighthouse's mobile run (its default: a Moto G Power screen, simulated slow 4G and a 4× slower CPU) against Debian
// Chromium, for the public pages and a mentee's page. Prints the performance, accessibility and best-practices scores
// and the metrics behind the first. The server runs separately (bench/web_vitals/serve.sh; bench/README.md).
//   node bench/web_vitals/lighthouse.mjs --base http://127.0.0.1:8090 [--pages home,signup] [--runs 1]
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:8090' },
    pages: { type: 'string', default: '' },
    runs: { type: 'string', default: '1' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const BASE = args.base.replace(/\/$/, '');

const programmes = await (await fetch(`${BASE}/api/v1/programmes/`)).json();
const mentoring = programmes.results.find((programme) => programme.kind === 'mentoring');
const PAGES = [
  ['home', '/'],
  ['signup', `/programmes/${mentoring.id}/signup`],
  ['login', '/login'],
  ['networks', '/networks'],
].filter(([name]) => !args.pages || args.pages.split(',').includes(name));

// --no-sandbox: the benchmark machines run as root, where Chromium refuses to start with its sandbox.
const chrome = await chromeLauncher.launch({
  chromePath: args.chromium,
  chromeFlags: ['--headless=new', '--no-sandbox', '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
console.log('Lighthouse', (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version, 'mobile (default), median of', args.runs, 'run(s)');
console.log('page       perf  a11y  best  | FCP      LCP      TBT     SI       CLS');
for (const [name, path] of PAGES) {
  const runs = [];
  for (let run = 0; run < Number(args.runs); run++) {
    const result = await lighthouse(`${BASE}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    runs.push(result.lhr);
  }
  const score = (category) => Math.round(median(runs.map((lhr) => lhr.categories[category].score)) * 100);
  const metric = (audit) => median(runs.map((lhr) => lhr.audits[audit].numericValue));
  const failing = runs[0].categories['accessibility'].auditRefs
    .concat(runs[0].categories['best-practices'].auditRefs)
    .map((ref) => runs[0].audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
    .map((audit) => audit.id);
  console.log(
    `${name.padEnd(10)} ${String(score('performance')).padStart(4)}  ${String(score('accessibility')).padStart(4)}  ${String(score('best-practices')).padStart(4)}  | ` +
      `${(metric('first-contentful-paint') / 1000).toFixed(2)} s  ${(metric('largest-contentful-paint') / 1000).toFixed(2)} s  ` +
      `${Math.round(metric('total-blocking-time'))} ms  ${(metric('speed-index') / 1000).toFixed(2)} s  ${metric('cumulative-layout-shift').toFixed(3)}` +
      (failing.length ? `   failing: ${failing.join(', ')}` : ''),
  );
}
await chrome.kill();
