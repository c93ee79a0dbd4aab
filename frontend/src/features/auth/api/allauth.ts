// allauth's headless browser API for the account pages (password reset, email verification), through the same
// fetch as login (session cookie, CSRF header on unsafe methods, UI language) and allauth's errors in the API's shape.
import { ApiError } from '@/api/errors';
import { allauthError, allauthFetch } from '@/lib/auth';

export async function authRequest(
  path: string,
  { method = 'GET', body, headers = {} }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return allauthFetch(`/auth${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const authError = allauthError;

/** A key from an emailed link that allauth refused: used already, too old or mistyped (a 400 about the key). */
export function isBadKey(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && error.errors.some((e) => e.attr === 'key');
}
