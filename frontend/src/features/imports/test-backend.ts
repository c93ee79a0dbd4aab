// Test-only: the API at the fetch level for the import page, with handlers typed from the generated schema (the
// path, the method and each status's response body are checked by TypeScript), in the spirit of MSW's handlers.
// The import route takes a multipart form, so a handler gets the form's fields as text (a file as its name).
import { vi } from 'vitest';
import type { paths } from '@/api/schema';

type Method = 'get' | 'post';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Responses<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

export type Reply = { readonly status: number; readonly body: unknown };

export type HandlerInput<P extends keyof paths, M extends Method> = {
  params: Record<string, string>;
  /** The multipart form's fields; a file is given by its name. */
  form: Record<string, string>;
  reply: <S extends keyof Responses<P, M> & number>(status: S, body: JsonOf<Responses<P, M>[S]>) => Reply;
};

type Handler = { method: string; pattern: RegExp; names: string[]; resolve: (input: HandlerInput<never, never>) => Reply };

export function on<P extends keyof paths, M extends Method>(method: M, path: P, resolve: (input: HandlerInput<P, M>) => Reply): Handler {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${String(path).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return { method: method.toUpperCase(), pattern, names, resolve: resolve as unknown as Handler['resolve'] };
}

export type Call = { method: string; path: string; form: Record<string, string> };

async function formOf(request: Request): Promise<Record<string, string>> {
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return {};
  const form = await request.formData();
  return Object.fromEntries([...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value : '(file)']));
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
      const call = { method: request.method, path: url.pathname, form: await formOf(request) };
      calls.push(call);
      for (const handler of handlers) {
        const match = handler.method === request.method ? handler.pattern.exec(url.pathname) : null;
        if (!match) continue;
        const params = Object.fromEntries(handler.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
        const reply = handler.resolve({
          params,
          form: call.form,
          reply: ((status: number, body: unknown) => ({ status, body })) as never,
        });
        return Response.json(reply.body, { status: reply.status });
      }
      unhandled.push(call);
      return Response.json({ type: 'client_error', errors: [{ code: 'not_found', detail: 'Not found.', attr: null }] }, { status: 404 });
    }),
  );
  return { calls, unhandled };
}
