// The configured API client: typed by the generated schema, session cookie only, CSRF header on unsafe methods.
import createClient, { type Middleware } from 'openapi-fetch';
import { apiLanguage, ensureCsrfToken, UNSAFE_METHODS } from './csrf';
import { retryWhenBusy } from './busy';
import { takeEarlyAnswer } from './early-data';
import { forgetTaggedAnswers, revalidatingFetch } from './revalidate';
import { onQuickExit } from '@/lib/exit-cleanup';
import type { paths } from './schema';

const headersMiddleware: Middleware = {
  async onRequest({ request }) {
    request.headers.set('Accept-Language', apiLanguage());
    if (UNSAFE_METHODS.has(request.method)) {
      request.headers.set('X-CSRFToken', await ensureCsrfToken());
    }
    return request;
  },
};

export const api = createClient<paths>({
  // Same origin as the page (absolute, so Request objects also work outside the browser, e.g. in tests).
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  // Resolved at call time so tests can replace globalThis.fetch. The page's first data may already be on its way
  // (early-data.ts); a polled page already held answers 304 and is served from this tab's memory (revalidate.ts); a
  // request the server's gate turned away under load is sent again after the wait it asks for (busy.ts).
  fetch: (request) =>
    takeEarlyAnswer(request) ??
    revalidatingFetch(request, (r) => retryWhenBusy(r, (attempt) => globalThis.fetch(attempt))),
});
api.use(headersMiddleware);
onQuickExit(forgetTaggedAnswers);
