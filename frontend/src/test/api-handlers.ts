// Test-only: the API at the fetch level, with handlers typed from the generated schema (the path, the method, the
// request body and each status's response body are checked by TypeScript), in the spirit of MSW's http handlers.
// MSW itself is not a dependency of the project yet; with it, these handlers map one to one onto http.get/post.
// A JSON body is given as ``body``; a multipart form (an upload) as ``form``, its fields as text and a file as
// "(file)".
import { vi } from 'vitest';
import type { paths } from '@/api/schema';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Responses<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type RequestJson<P extends keyof paths, M extends Method> = Operation<P, M> extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : undefined;

/** What a handler answers: one of the operation's statuses with that status's body (made with ``reply``). */
export type Reply = { readonly status: number; readonly body: unknown; readonly typed: true };

export type HandlerInput<P extends keyof paths, M extends Method> = {
  params: Record<string, string>;
  url: URL;
  body: RequestJson<P, M>;
  form: Record<string, string>;
  request: Request;
  /** An answer the schema declares for this operation: the status and its body, checked by TypeScript. */
  reply: <S extends keyof Responses<P, M> & number>(status: S, body: JsonOf<Responses<P, M>[S]>) => Reply;
};

type Handler = { method: string; pattern: RegExp; names: string[]; resolve: (input: HandlerInput<never, never>) => unknown };

export function on<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  resolve: (input: HandlerInput<P, M>) => Reply | Promise<Reply>,
): Handler {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${String(path).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return { method: method.toUpperCase(), pattern, names, resolve: resolve as unknown as Handler['resolve'] };
}

/** Calls that reached the API: method, path and search, for assertions. */
export type Call = { method: string; path: string; search: string; body: unknown; form: Record<string, string> };

async function readBody(request: Request): Promise<{ body: unknown; form: Record<string, string> }> {
  if (request.method === 'GET' || request.method === 'HEAD') return { body: undefined, form: {} };
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await request.formData();
    return {
      body: undefined,
      form: Object.fromEntries([...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value : '(file)'])),
    };
  }
  const text = await request.text();
  return { body: text ? JSON.parse(text) : undefined, form: {} };
}

/** Replaces fetch with these handlers (the first that matches answers); anything else is a 404 and recorded. */
export function serve(...handlers: Handler[]): { calls: Call[]; unhandled: Call[] } {
  const calls: Call[] = [];
  const unhandled: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
      const url = new URL(request.url, 'http://localhost');
      const { body, form } = await readBody(request);
      const call = { method: request.method, path: url.pathname, search: url.search, body, form };
      calls.push(call);
      for (const handler of handlers) {
        const match = handler.method === request.method ? handler.pattern.exec(url.pathname) : null;
        if (!match) continue;
        const params = Object.fromEntries(handler.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
        const reply = (await handler.resolve({
          params,
          url,
          body: body as never,
          form,
          request,
          reply: ((status: number, replyBody: unknown) => ({ status, body: replyBody, typed: true })) as never,
        })) as Reply;
        return reply.body === undefined || reply.status === 204
          ? new Response(null, { status: reply.status })
          : Response.json(reply.body, { status: reply.status });
      }
      unhandled.push(call);
      return Response.json({ type: 'client_error', errors: [{ code: 'not_found', detail: 'Not found.', attr: null }] }, { status: 404 });
    }),
  );
  return { calls, unhandled };
}
