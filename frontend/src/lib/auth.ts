// Login, logout and the session through allauth's headless browser API; the session cookie is all the browser keeps.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { apiLanguage, ensureCsrfToken, readCsrfCookie } from '@/api/csrf';
import { ApiError, unwrap } from '@/api/errors';

const BROWSER_API = '/_allauth/browser/v1';
const AUTH = `${BROWSER_API}/auth`;

export type SessionUser = { id: string; display: string; email: string };

export async function allauthFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', apiLanguage());
  if (init.method && init.method !== 'GET') headers.set('X-CSRFToken', await ensureCsrfToken());
  if (init.body) headers.set('Content-Type', 'application/json');
  return globalThis.fetch(`${BROWSER_API}${path}`, { ...init, headers, credentials: 'same-origin' });
}

function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return allauthFetch(`/auth${path}`, init);
}

/** allauth's errors ({status, errors: [{message, code, param}]}) in the API's shape. */
export async function allauthError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    errors?: { message: string; code: string; param?: string }[];
  };
  return new ApiError(response.status, {
    type: 'validation_error',
    errors: (body.errors ?? []).map((e) => ({ code: e.code, detail: e.message, attr: e.param ?? null })),
  });
}

export const sessionQueryKey = ['auth', 'session'] as const;
export const meQueryKey = ['me'] as const;

/** The server's page says whether it was served to someone logged in (common/views.py): if not, the app starts
 * without asking allauth, whose answer for nobody is a 401 (an error in the browser's console). */
let servedAnonymous =
  typeof document !== 'undefined' && document.querySelector('meta[name="bridges-session"]')?.getAttribute('content') === 'anonymous';

/** Used once, for the page's first session query: after a login or logout (which clear the cache), the app asks. */
function sessionAtLoad(): null | undefined {
  if (!servedAnonymous) return undefined;
  servedAnonymous = false;
  return null;
}

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    initialData: sessionAtLoad,
    queryFn: async (): Promise<SessionUser | null> => {
      const response = await authFetch('/session');
      if (response.status === 401) return null;
      if (!response.ok) throw await allauthError(response);
      const body = (await response.json()) as { data: { user: SessionUser } };
      return body.data.user;
    },
    staleTime: 60_000,
  });
}

export function useMe(enabled = true) {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/')),
    enabled,
  });
}

/** 'done' once logged in; 'needs_code' when allauth waits for the TOTP code (coordinators and admins). */
export type LoginOutcome = 'done' | 'needs_code';

async function pendingFlow(response: Response): Promise<string | undefined> {
  const body = (await response.clone().json().catch(() => ({}))) as {
    data?: { flows?: { id: string; is_pending?: boolean }[] };
  };
  return body.data?.flows?.find((flow) => flow.is_pending)?.id;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }): Promise<LoginOutcome> => {
      const response = await authFetch('/login', { method: 'POST', body: JSON.stringify(credentials) });
      if (response.status === 401 && (await pendingFlow(response)) === 'mfa_authenticate') return 'needs_code';
      if (!response.ok) throw await allauthError(response);
      return 'done';
    },
    onSuccess: async (outcome) => {
      if (outcome !== 'done') return;
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}

/** The second step of a login: the 6-digit code from the person's authenticator app. */
export function useTwoStepCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => {
      const response = await authFetch('/2fa/authenticate', { method: 'POST', body: JSON.stringify({ code }) });
      if (!response.ok) throw await allauthError(response);
    },
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}

export type TotpSetup = { secret: string; totpUrl: string };

/** A new TOTP secret for a person without an authenticator (allauth answers 404 with the secret). */
export async function fetchTotpSetup(): Promise<TotpSetup> {
  const response = await allauthFetch('/account/authenticators/totp');
  const body = (await response.json().catch(() => ({}))) as { meta?: { secret?: string; totp_url?: string } };
  if (response.status !== 404 || !body.meta?.secret) throw await allauthError(response);
  return { secret: body.meta.secret, totpUrl: body.meta.totp_url ?? '' };
}

/** Turn TOTP on: allauth asks for the password again first, then a code from the app. */
export function useActivateTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ password, code }: { password: string; code: string }) => {
      const again = await authFetch('/reauthenticate', { method: 'POST', body: JSON.stringify({ password }) });
      if (!again.ok) throw await allauthError(again);
      const response = await allauthFetch('/account/authenticators/totp', { method: 'POST', body: JSON.stringify({ code }) });
      if (!response.ok) throw await allauthError(response);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

/** End the session without waiting (quick exit): the request outlives the page that sends it. */
export function logoutInBackground(): void {
  const token = readCsrfCookie();
  try {
    void globalThis
      .fetch(`${AUTH}/session`, {
        method: 'DELETE',
        keepalive: true,
        credentials: 'same-origin',
        headers: token ? { 'X-CSRFToken': token } : {},
      })
      .catch(() => undefined);
  } catch {
    // Leaving matters more than the answer: the session also ends on its own after 30 idle minutes.
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const response = await authFetch('/session', { method: 'DELETE' });
      // allauth answers 401 ("not authenticated any more") after a successful logout.
      if (!response.ok && response.status !== 401) throw await allauthError(response);
    },
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}
