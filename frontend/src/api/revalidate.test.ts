import { forgetTaggedAnswers, revalidatingFetch } from './revalidate';

const NO_STORE = 'no-store, no-cache, must-revalidate, private, max-age=0';

function get(path: string, language = 'en', method = 'GET') {
  return new Request(`${window.location.origin}${path}`, { method, headers: { 'Accept-Language': language } });
}

/** A server that answers 304 to the tag it last gave, and records what it was asked. */
function server(cacheControl = NO_STORE) {
  const asked: (string | null)[] = [];
  let body = '{"unread":1}';
  let tag = '"t1"';
  const fetch = vi.fn(async (request: Request) => {
    const condition = request.headers.get('If-None-Match');
    asked.push(condition);
    if (condition === tag) return new Response(null, { status: 304, headers: { ETag: tag } });
    return new Response(body, {
      status: 200,
      headers: { ETag: tag, 'Cache-Control': cacheControl, 'Content-Type': 'application/json' },
    });
  });
  const change = (next: string, nextTag: string) => {
    body = next;
    tag = nextTag;
  };
  return { fetch, asked, change };
}

afterEach(() => {
  forgetTaggedAnswers();
});

describe('revalidatingFetch', () => {
  it('sends the kept tag and answers a 304 with the kept body', async () => {
    const s = server();
    const first = await revalidatingFetch(get('/api/v1/notifications/unread-count/'), s.fetch);
    expect(await first.json()).toEqual({ unread: 1 });
    const second = await revalidatingFetch(get('/api/v1/notifications/unread-count/'), s.fetch);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ unread: 1 });
    expect(second.headers.get('Content-Type')).toBe('application/json');
    s.change('{"unread":2}', '"t2"');
    const third = await revalidatingFetch(get('/api/v1/notifications/unread-count/'), s.fetch);
    expect(await third.json()).toEqual({ unread: 2 });
    expect(s.asked).toEqual([null, '"t1"', '"t1"']);
  });

  it('keeps answers apart by address and language, and forgets them on the Quick exit or a sign-out', async () => {
    const s = server();
    await revalidatingFetch(get('/api/v1/me/'), s.fetch);
    await revalidatingFetch(get('/api/v1/me/', 'ar'), s.fetch);
    await revalidatingFetch(get('/api/v1/matches/'), s.fetch);
    forgetTaggedAnswers();
    await revalidatingFetch(get('/api/v1/me/'), s.fetch);
    expect(s.asked).toEqual([null, null, null, null]);
    await revalidatingFetch(get('/api/v1/me/'), async () => new Response('{}', { status: 403 }));
    await revalidatingFetch(get('/api/v1/me/'), s.fetch);
    expect(s.asked.at(-1)).toBeNull();
  });

  it('leaves other methods, and answers the browser may keep itself, alone', async () => {
    const s = server('public, max-age=86400');
    await revalidatingFetch(get('/api/v1/reference/sectors/'), s.fetch);
    await revalidatingFetch(get('/api/v1/reference/sectors/'), s.fetch);
    const post = server();
    await revalidatingFetch(get('/api/v1/me/', 'en', 'POST'), post.fetch);
    await revalidatingFetch(get('/api/v1/me/', 'en', 'POST'), post.fetch);
    expect([...s.asked, ...post.asked]).toEqual([null, null, null, null]);
  });
});
