// Test set-up through the API, beside the browser: each person gets her own request context (her own session
// cookie), so signing someone up or acting as a coordinator never touches the page's login.
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { freshTotpCode, PASSWORD } from './support';

export const MENTORING_SLUG = 'berlin-jobs-mentoring';
export const NETWORK_SLUG = 'frontline-peer-network';
export const BERLIN_COORDINATOR = 'coordinator.berlin@demo.bridges.example';
export const NETWORK_COORDINATOR = 'coordinator.network@demo.bridges.example';

type Playwright = PlaywrightWorkerArgs['playwright'];
type Json = Record<string, unknown>;

/** A short tag that keeps names and emails unique across the two projects and repeated runs on one database. */
export function uniqueTag(project: string): string {
  return `${project}${Date.now().toString(36)}`;
}

/** Send a request with the CSRF token the backend hands out, and expect it to succeed. */
export async function call<T = Json>(api: APIRequestContext, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    const csrf = await api.get('/api/v1/csrf/');
    headers['X-CSRFToken'] = ((await csrf.json()) as { csrf_token: string }).csrf_token;
  }
  const response = await api.fetch(url, { method, headers, data });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

export async function programmeId(api: APIRequestContext, slug: string): Promise<string> {
  const page = await call<{ results: { id: string; slug: string }[] }>(api, 'GET', '/api/v1/programmes/');
  const found = page.results.find((programme) => programme.slug === slug);
  expect(found, `programme ${slug}`).toBeTruthy();
  return found!.id;
}

/** A logged-in session through allauth's browser API; coordinators answer the demo's TOTP code. */
export async function apiSession(playwright: Playwright, baseURL: string, email: string): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL });
  const csrf = (await (await api.get('/api/v1/csrf/')).json()) as { csrf_token: string };
  const headers = { 'X-CSRFToken': csrf.csrf_token };
  const login = await api.post('/_allauth/browser/v1/auth/login', { headers, data: { email, password: PASSWORD } });
  if (login.status() === 401) {
    const code = await freshTotpCode();
    const second = await api.post('/_allauth/browser/v1/auth/2fa/authenticate', { headers, data: { code } });
    expect(second.status(), await second.text()).toBe(200);
  } else {
    expect(login.status(), await login.text()).toBe(200);
  }
  return api;
}

/** Someone signs up through the API (which logs her in); returns her session and her profile in the programme. */
export async function signUp(
  playwright: Playwright,
  baseURL: string,
  programme: string,
  body: Json,
): Promise<{ api: APIRequestContext; profile: string }> {
  const api = await playwright.request.newContext({ baseURL });
  await call(api, 'POST', `/api/v1/programmes/${programme}/signup/`, body);
  const me = await call<{ memberships: { programme: string; profile: string | null }[] }>(api, 'GET', '/api/v1/me/');
  const profile = me.memberships.find((membership) => membership.programme === programme)?.profile;
  expect(profile).toBeTruthy();
  return { api, profile: profile! };
}

/** A Berlin mentor (unverified until a coordinator verifies her) who speaks German and English and knows health care. */
export function mentorSignUp(email: string, firstName: string, fullName: string, capacity = 3): Json {
  return {
    role: 'mentor',
    account: { email, password: PASSWORD, display_name: firstName, full_name: fullName, preferred_language: 'en' },
    profile: {
      languages: [
        { code: 'de', level: 'C2' },
        { code: 'en', level: 'C1' },
        { code: 'ar', level: 'B2' },
      ],
      sectors: ['86'],
      goals: ['job_search', 'recognition_of_qualifications'],
      city: 'Berlin',
      online: true,
      capacity,
      gender: 'woman',
      availability: ['wed:evening', 'sat:morning'],
    },
    consent: { given: true, version: '1' },
  };
}

/** A Berlin mentee who fits that mentor: Arabic and German, health care, looking for work. */
export function menteeSignUp(email: string, firstName: string, fullName: string): Json {
  return {
    role: 'mentee',
    account: { email, password: PASSWORD, display_name: firstName, full_name: fullName, preferred_language: 'en' },
    profile: {
      languages: [
        { code: 'ar', level: 'C2' },
        { code: 'de', level: 'B1' },
      ],
      sectors: ['86'],
      goals: ['job_search'],
      city: 'Berlin',
      online: true,
      gender: 'woman',
    },
    consent: { given: true, version: '1' },
  };
}
