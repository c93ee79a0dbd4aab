// Polling that costs a 304. The API tags personal answers (ETag) but forbids any browser cache to keep them
// (Cache-Control: no-store: a shared computer, the Quick exit), so the browser never revalidates them by itself.
// This tab keeps the last tagged answer of each GET in memory instead, sends its tag as If-None-Match, and answers
// a 304 with the kept body. Tags are per person on the server, so a kept answer never stands for someone else's.
// Answers the browser may keep itself (reference data: public, max-age) are left to the browser's cache.

interface Kept {
  etag: string;
  body: string;
  headers: [string, string][];
}

const MAX_KEPT = 50;
const kept = new Map<string, Kept>();

/** Forget every kept answer (the Quick exit, a sign-out). */
export function forgetTaggedAnswers(): void {
  kept.clear();
}

function keyOf(request: Request): string {
  return `${request.headers.get('Accept-Language') ?? ''} ${request.url}`;
}

/** ``fetch`` with If-None-Match from this tab's memory for GETs, a 304 turned back into the kept answer. */
export async function revalidatingFetch(request: Request, fetch: (request: Request) => Promise<Response>) {
  if (request.method !== 'GET') return fetch(request);
  const key = keyOf(request);
  const mine = kept.get(key);
  if (mine && !request.headers.has('If-None-Match')) request.headers.set('If-None-Match', mine.etag);
  const response = await fetch(request);
  if (response.status === 304 && mine) {
    kept.delete(key); // most recently used last
    kept.set(key, mine);
    return new Response(mine.body, { status: 200, headers: mine.headers });
  }
  const etag = response.headers.get('ETag');
  if (response.status === 200 && etag && /no-store/.test(response.headers.get('Cache-Control') ?? '')) {
    const body = await response.clone().text();
    kept.delete(key);
    kept.set(key, { etag, body, headers: [...response.headers.entries()] });
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
  } else if (response.status === 401 || response.status === 403) {
    forgetTaggedAnswers(); // signed out
  } else {
    kept.delete(key);
  }
  return response;
}
