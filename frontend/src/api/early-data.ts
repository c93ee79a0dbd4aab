// The answers the painted shell asked for before the app's files had arrived (index.html: the page's first data,
// e.g. the programmes on the home page), so the page need not wait a round trip more once the app has started.
// Each is taken once, by the first GET of the same address in the same language, while she is still on the page
// that was opened and at most 30 s after; any other request, or one whose early answer failed, goes to the network
// as before.

const MAX_AGE_MS = 30_000;

interface EarlyAnswer {
  language: string;
  /** The page the shell was sent for, and when it asked (performance.now()). */
  path: string;
  at: number;
  response: Promise<Response>;
}

declare global {
  interface Window {
    bridgesEarlyData?: Record<string, EarlyAnswer | undefined>;
  }
}

/** The early answer for ``request``, or null: a GET of an address the shell asked for, in the same language. */
export function takeEarlyAnswer(request: Request): Promise<Response> | null {
  const early = globalThis.window?.bridgesEarlyData;
  if (!early || request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== globalThis.location?.origin) return null;
  const key = url.pathname + url.search;
  const answer = early[key];
  if (!answer) return null;
  delete early[key];
  if (answer.language !== request.headers.get('Accept-Language')) return null;
  if (answer.path !== globalThis.location.pathname || performance.now() - answer.at > MAX_AGE_MS) return null;
  return answer.response.catch(() => globalThis.fetch(request));
}
