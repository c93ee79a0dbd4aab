// Web vitals of Bridges on a cheap phone (issue 12): Debian Chromium with a phone's screen, the CPU slowed 4× and a
// slow network (400 ms round trip, 400 kbps both ways) through the DevTools protocol, cold cache and warm cache, for
// each public page and each role's main page. Prints, per page, the median of --runs cold loads:
//   FCP         first contentful paint
//   exit        when the Quick exit is on screen and works (the painted shell's link, or the app's button)
//   LCP         largest contentful paint
//   ready       when the page's own content is there (its heading in <main>, the app started)
//   TBT         total blocking time: long tasks' time over 50 ms, from first paint until ready
//   JS wire / JS decoded   JavaScript bytes fetched until ready, as sent (brotli/gzip) and unpacked
//   req         requests until ready (the page itself included)
// and, for a warm revisit (same browser, reloaded): FCP, and how many static files still waited on the network.
//
// Usage (the server runs separately, bench/web_vitals/serve.sh; README in bench/README.md):
//   node bench/web_vitals/web_vitals.mjs --base http://127.0.0.1:8090 [--runs 3] [--pages home,signup] [--list] [--json]
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:8090' },
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: '' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    json: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});
const BASE = args.base.replace(/\/$/, '');
const RUNS = Number(args.runs);
const PASSWORD = 'demo-bridges-2026';
const TOTP_SECRET = 'BRIDGESDEMOTOTPKEYFORCOORDINATOR';

const PHONE = {
  viewport: { width: 412, height: 839 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  locale: 'en-GB',
};
const NETWORK = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const CPU_SLOWDOWN = 4;

function totp(counter) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of TOTP_SECRET) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

let totpStep = 0;
async function logIn(context, email) {
  const request = context.request;
  await request.get(`${BASE}/api/v1/csrf/`);
  const csrf = async () => (await context.cookies()).find((cookie) => cookie.name === 'csrftoken')?.value ?? '';
  const login = await request.post(`${BASE}/_allauth/browser/v1/auth/login`, {
    data: { email, password: PASSWORD },
    headers: { 'X-CSRFToken': await csrf() },
  });
  if (login.status() === 401) {
    // Coordinators: the second step with a code the server has not seen yet.
    totpStep = Math.max(totpStep + 1, Math.floor(Date.now() / 30_000));
    const second = await request.post(`${BASE}/_allauth/browser/v1/auth/2fa/authenticate`, {
      data: { code: totp(totpStep) },
      headers: { 'X-CSRFToken': await csrf() },
    });
    if (second.status() !== 200) throw new Error(`${email}: two-step login answered ${second.status()}`);
  } else if (login.status() !== 200) {
    throw new Error(`${email}: login answered ${login.status()}`);
  }
  return context.storageState();
}

// Recorded in the page from its first byte: LCP, long tasks, and when the Quick exit and the page's content appear.
function recorder() {
  const vitals = { lcp: 0, longTasks: [], exitAt: null, readyAt: null };
  window.__vitals = vitals;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const mark = () => {
    const now = performance.now();
    if (vitals.exitAt === null && document.querySelector('#shell-quick-exit, .quick-exit')) vitals.exitAt = now;
    if (vitals.readyAt === null && document.querySelector('.quick-exit') && document.querySelector('main :is(h1, h2)')) vitals.readyAt = now;
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true });
}

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(recorder);
  return page;
}

async function measure(page, url) {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => window.__vitals?.readyAt !== null, null, { timeout: 120_000, polling: 100 });
  await page.waitForTimeout(1500); // the LCP and long-task observers settle
  return page.evaluate((wall) => {
    const vitals = window.__vitals;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const ready = vitals.readyAt;
    const resources = performance.getEntriesByType('resource').filter((entry) => entry.startTime <= ready);
    const scripts = resources.filter((entry) => new URL(entry.name).pathname.endsWith('.js'));
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      fcp,
      exit: Math.max(vitals.exitAt ?? NaN, fcp),
      lcp: vitals.lcp,
      ready,
      tbt: vitals.longTasks
        .filter(([start]) => start >= fcp && start <= ready)
        .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
      jsWire: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
      jsDecoded: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
      requests: resources.length + 1,
      staticFromNetwork: performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.startsWith('/static/') && entry.transferSize > 0).length,
      documentBytes: navigation?.transferSize ?? 0,
      files: resources.map((entry) => [new URL(entry.name).pathname, entry.transferSize, Math.round(entry.startTime), Math.round(entry.responseEnd)]),
      wall,
    };
  }, Date.now() - started);
}

const median = (values) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

async function main() {
  const browser = await chromium.launch({ executablePath: args.chromium, args: ['--disable-quic', '--no-first-run'] });
  const programmes = await (await fetch(`${BASE}/api/v1/programmes/`)).json();
  const mentoring = programmes.results.find((programme) => programme.kind === 'mentoring');
  const network = programmes.results.find((programme) => programme.kind === 'peer_network');
  const PAGES = [
    { name: 'home', path: '/' },
    { name: 'signup', path: `/programmes/${mentoring.id}/signup` },
    { name: 'login', path: '/login' },
    { name: 'networks', path: '/networks' },
    { name: 'join-network', path: `/networks/${network.id}/join` },
    { name: 'mentee /me', path: '/me', as: 'mentee@demo.bridges.example' },
    { name: 'mentor /me', path: '/me', as: 'mentor@demo.bridges.example' },
    { name: 'worker /me', path: '/me', as: 'worker@demo.bridges.example' },
    { name: 'coordinator', path: '/coordinator', as: 'coordinator.berlin@demo.bridges.example' },
  ].filter((page) => !args.pages || args.pages.split(',').includes(page.name));

  const results = [];
  for (const spec of PAGES) {
    let storageState;
    if (spec.as) {
      const context = await browser.newContext(PHONE);
      storageState = await logIn(context, spec.as);
      await context.close();
    }
    const cold = [];
    const warm = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ ...PHONE, storageState });
      const page = await throttled(context);
      cold.push(await measure(page, `${BASE}${spec.path}`));
      warm.push(await measure(page, `${BASE}${spec.path}`));
      await context.close();
    }
    const pick = (runs, key) => median(runs.map((run) => run[key]));
    const row = {
      page: spec.name,
      fcp: pick(cold, 'fcp'),
      exit: pick(cold, 'exit'),
      lcp: pick(cold, 'lcp'),
      ready: pick(cold, 'ready'),
      tbt: pick(cold, 'tbt'),
      jsWire: pick(cold, 'jsWire'),
      jsDecoded: pick(cold, 'jsDecoded'),
      requests: pick(cold, 'requests'),
      warmFcp: pick(warm, 'fcp'),
      warmReady: pick(warm, 'ready'),
      warmStaticFromNetwork: pick(warm, 'staticFromNetwork'),
    };
    results.push(row);
    // --list: what the first cold load fetched before the page was ready (path, bytes sent, start and end in ms).
    if (args.list) for (const file of cold[0].files) console.log(`    ${file[0].padEnd(60)} ${String(file[1]).padStart(7)} ${String(file[2]).padStart(6)} ${String(file[3]).padStart(6)}`);
    if (!args.json) printRow(row, results.length === 1);
  }
  await browser.close();
  if (args.json) console.log(JSON.stringify(results, null, 2));
}

const s = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
const kb = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;
function printRow(row, header) {
  if (header) {
    console.log(`phone 412×839, CPU ÷${CPU_SLOWDOWN}, ${NETWORK.latency} ms RTT, 400 kbps; median of ${RUNS} cold loads (warm: reloaded)`);
    console.log(
      ['page'.padEnd(13), 'FCP', 'exit', 'LCP', 'ready', 'TBT', 'JS wire', 'JS decoded', 'req', '| warm FCP', 'warm ready', 'static via network']
        .map((cell, index) => (index ? cell.padStart(9) : cell))
        .join(' '),
    );
  }
  console.log(
    [
      row.page.padEnd(13),
      s(row.fcp),
      s(row.exit),
      s(row.lcp),
      s(row.ready),
      `${Math.round(row.tbt)} ms`,
      kb(row.jsWire),
      kb(row.jsDecoded),
      String(row.requests),
      `| ${s(row.warmFcp)}`,
      s(row.warmReady),
      String(row.warmStaticFromNetwork),
    ]
      .map((cell, index) => (index ? cell.padStart(9) : cell))
      .join(' '),
  );
}

await main();
