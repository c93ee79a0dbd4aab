// Django's CSRF protection: read the csrftoken cookie (GET /api/v1/csrf/ sets it) for unsafe requests.

export function readCsrfCookie(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export async function ensureCsrfToken(): Promise<string> {
  const existing = readCsrfCookie();
  if (existing) return existing;
  const response = await fetch('/api/v1/csrf/', { credentials: 'same-origin' });
  const fromCookie = readCsrfCookie();
  if (fromCookie) return fromCookie;
  const body = (await response.json()) as { csrf_token?: string };
  return body.csrf_token ?? '';
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The UI language, sent as Accept-Language so reference data and messages come labelled in it. */
let currentLanguage = 'en';
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}
export function apiLanguage(): string {
  return currentLanguage;
}
