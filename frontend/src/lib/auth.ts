// Login, logout and the session through allauth's headless browser API; the session cookie is all the browser keeps.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { apiLanguage, ensureCsrfToken } from '@/api/csrf';
import { ApiError, unwrap } from '@/api/errors';

const AUTH = '/_allauth/browser/v1/auth';

export type SessionUser = { id: string; display: string; email: string };

async function authFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', apiLanguage());
  if (init.method && init.method !== 'GET') headers.set('X-CSRFToken', await ensureCsrfToken());
  if (init.body) headers.set('Content-Type', 'application/json');
  return globalThis.fetch(`${AUTH}${path}`, { ...init, headers, credentials: 'same-origin' });
}

/** allauth's errors ({status, errors: [{message, code, param}]}) in the API's shape. */
async function allauthError(response: Response): Promise<ApiError> {
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

export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
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

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      const response = await authFetch('/login', { method: 'POST', body: JSON.stringify(credentials) });
      if (!response.ok) throw await allauthError(response);
    },
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
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
