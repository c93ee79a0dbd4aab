// No English leaks, proven in the browser (issue 11, item 6). The pseudo-locale build wraps every catalogue
// string in ⟦ ⟧ and makes it ~40 % longer, and asks the API in Arabic. This journey walks every page of every
// role and fails on
//  - any visible text with Latin letters that is neither inside ⟦ ⟧ nor Arabic (from the API) nor a person's or
//    programme's own text (marked dir="auto", <bdi>, or with a lang of its own, as fallbacks are): a string
//    that never went through a catalogue;
//  - a page wider than the screen, or text clipped in its box, because the words grew.
import { expect, type Page, test } from '@playwright/test';
import { BERLIN_COORDINATOR, call, MENTORING_SLUG, NETWORK_COORDINATOR, NETWORK_SLUG, programmeId } from './api';
import { freshTotpCode, PASSWORD } from './support';

interface Problems {
  leaks: string[];
  overflow: string[];
}

/** What is wrong on the page as it is now (run in the browser). */
async function problems(page: Page): Promise<Problems> {
  return page.evaluate(() => {
    const OPEN = '⟦';
    const CLOSE = '⟧';
    const pageLanguage = document.documentElement.lang;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    const visible = (el: Element) => {
      if (el.closest('[hidden]')) return false;
      const style = getComputedStyle(el);
      return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
    };
    /** Inside a catalogue string: more ⟦ than ⟧ before this text within a near ancestor's text. */
    const insideMarkers = (node: Text) => {
      let ancestor: Element | null = node.parentElement;
      for (let depth = 0; ancestor && depth < 6; depth += 1, ancestor = ancestor.parentElement) {
        const walker = document.createTreeWalker(ancestor, NodeFilter.SHOW_TEXT);
        let before = '';
        for (let current = walker.nextNode(); current && current !== node; current = walker.nextNode()) before += current.nodeValue ?? '';
        const depthIn = before.split(OPEN).length - before.split(CLOSE).length;
        if (depthIn > 0) return true;
      }
      return false;
    };
    const excepted = (el: Element) => {
      if (el.closest('script, style, noscript, select, option, textarea, bdi, [dir="auto"], [data-own-text]')) return true;
      const marked = el.closest('[lang]');
      return !!marked && marked !== document.documentElement && marked.getAttribute('lang') !== pageLanguage;
    };
    const leaks: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = (node.nodeValue ?? '').trim();
      const parent = node.parentElement;
      if (!text || !parent || !/[A-Za-z]/.test(text) || !visible(parent) || excepted(parent)) continue;
      if (text.includes(OPEN) || text.includes(CLOSE) || /[\u0600-\u06FF]/.test(text) || insideMarkers(node)) continue;
      leaks.push(`${describe(parent)}: “${text.slice(0, 80)}”`);
    }
    // Attributes people hear or see too: labels for screen readers, placeholders, titles, the button texts of inputs.
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))) {
      if (!visible(el) || excepted(el)) continue;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value && /[A-Za-z]/.test(value) && !value.includes(OPEN) && !/[\u0600-\u06FF]/.test(value)) {
          leaks.push(`${describe(el)}[${name}]: “${value.slice(0, 80)}”`);
        }
      }
    }
    const overflow: string[] = [];
    const wider = document.documentElement.scrollWidth - window.innerWidth;
    if (wider > 1) overflow.push(`the page is ${wider}px wider than the screen`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (!visible(el) || !Array.from(el.childNodes).some((child) => child.nodeType === Node.TEXT_NODE && child.nodeValue?.trim())) continue;
      const style = getComputedStyle(el);
      const visuallyHidden = el.clientWidth <= 1 || style.clip.startsWith('rect') || style.clipPath.startsWith('inset');
      const clips = !visuallyHidden && (['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis');
      if (clips && el.scrollWidth > el.clientWidth + 1) overflow.push(`${describe(el)} clips “${(el.textContent ?? '').trim().slice(0, 60)}”`);
    }
    return { leaks: [...new Set(leaks)], overflow: [...new Set(overflow)] };
  });
}

/** Wait for the page to settle, then expect it clean; the name says where. */
async function check(page: Page, where: string) {
  // Settled: nothing loading (the header's notices poll, so the network is never idle for long).
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  await page.waitForTimeout(400);
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  const found = await problems(page);
  expect.soft(found.leaks, `${where}: text that did not come from a catalogue`).toEqual([]);
  expect.soft(found.overflow, `${where}: text that does not fit`).toEqual([]);
}

async function logInAs(page: Page, email: string) {
  const csrf = (await (await page.request.get('/api/v1/csrf/')).json()) as { csrf_token: string };
  const headers = { 'X-CSRFToken': csrf.csrf_token };
  const login = await page.request.post('/_allauth/browser/v1/auth/login', { headers, data: { email, password: PASSWORD } });
  if (login.status() === 401) {
    const second = await page.request.post('/_allauth/browser/v1/auth/2fa/authenticate', { headers, data: { code: await freshTotpCode() } });
    expect(second.status(), await second.text()).toBe(200);
  } else {
    expect(login.status(), await login.text()).toBe(200);
  }
}

async function visit(page: Page, path: string, where = path) {
  await page.goto(path);
  await check(page, where);
}

test('the public pages and the sign-ups speak only from catalogues and fit', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  await check(page, 'home');
  const mentoring = await programmeId(page.request, MENTORING_SLUG);
  const network = await programmeId(page.request, NETWORK_SLUG);
  for (const path of ['/networks', '/login', '/account/password/reset', '/no-such-page', `/networks/${network}/join`]) await visit(page, path);
  for (const role of ['', '?role=mentor', '?role=employer']) {
    await page.goto(`/programmes/${mentoring}/signup${role}`);
    await check(page, `sign-up ${role || 'mentee'}, first step`);
    // Going on with nothing filled in shows the errors: those must come from catalogues too.
    await page.locator('form button[type=submit]').last().click();
    await check(page, `sign-up ${role || 'mentee'}, errors`);
  }
});

const PARTICIPANTS: [string, string, string[]][] = [
  ['mentee', 'mentee003@demo.bridges.example', ['/me', '/me/profile', '/me/privacy', '/notifications', '/']],
  ['mentor', 'mentor@demo.bridges.example', ['/me', '/me/profile', '/me/privacy', '/notifications']],
  ['frontline worker', 'worker@demo.bridges.example', ['/me', '/me/privacy', '/notifications', '/networks']],
];

for (const [role, email, paths] of PARTICIPANTS) {
  test(`a ${role}'s pages speak only from catalogues and fit`, async ({ page }) => {
    await logInAs(page, email);
    for (const path of paths) await visit(page, path, `${role} ${path}`);
  });
}

for (const [kind, email] of [
  ['mentoring', BERLIN_COORDINATOR],
  ['peer network', NETWORK_COORDINATOR],
] as const) {
  test(`a ${kind} coordinator's dashboard speaks only from catalogues and fits, on every tab`, async ({ page }) => {
    await logInAs(page, email);
    if (kind === 'mentoring') {
      // A matching run first, so the run, proposals and waiting tabs show what a coordinator's day shows.
      const programme = await programmeId(page.request, MENTORING_SLUG);
      await call(page.request, 'POST', `/api/v1/programmes/${programme}/runs/`, {});
    }
    await visit(page, '/coordinator', `${kind} coordinator`);
    const tabs = page.getByRole('tab');
    const count = await tabs.count();
    expect(count).toBeGreaterThan(2);
    for (let index = 0; index < count; index += 1) {
      await tabs.nth(index).click();
      await check(page, `${kind} coordinator, tab ${index + 1} (${(await tabs.nth(index).textContent()) ?? ''})`);
    }
  });
}

test('the check itself finds a planted leak and a clipped text, and lets marked own texts pass', async ({ page }) => {
  await page.goto('/');
  await check(page, 'home before planting');
  await page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    main.insertAdjacentHTML(
      'beforeend',
      `<p id="planted">Forgotten English</p>
       <p id="own" dir="auto">Anna Schmidt</p>
       <p id="fallback" lang="en">Written in English by the programme</p>
       <button id="unnamed" aria-label="Close this"></button>
       <div id="clipped" style="width: 60px; overflow: hidden; white-space: nowrap">⟦Á véèry lóñg lábél ẋẋẋẋẋẋ⟧</div>`,
    );
  });
  const found = await problems(page);
  expect(found.leaks).toEqual(['p#planted: “Forgotten English”', 'button#unnamed[aria-label]: “Close this”']);
  expect(found.overflow).toEqual([expect.stringContaining('div#clipped clips')]);
});
