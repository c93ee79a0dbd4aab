import { takeEarlyAnswer } from './early-data';

function get(path: string, language = 'en', method = 'GET') {
  return new Request(`${window.location.origin}${path}`, { method, headers: { 'Accept-Language': language } });
}

function early(path: string, language = 'en', at = performance.now()) {
  const response = Promise.resolve(new Response('{"early":true}'));
  window.bridgesEarlyData = { [path]: { language, path: window.location.pathname, at, response } };
  return response;
}

afterEach(() => {
  delete window.bridgesEarlyData;
});

describe('takeEarlyAnswer', () => {
  it('gives the shell’s answer once, to a GET of the same address in the same language', async () => {
    const response = early('/api/v1/programmes/');
    expect(takeEarlyAnswer(get('/api/v1/programmes/'))).not.toBeNull();
    expect(takeEarlyAnswer(get('/api/v1/programmes/'))).toBeNull();
    await response;
  });

  it('leaves other addresses, other languages, other methods and old answers to the network', () => {
    early('/api/v1/programmes/');
    expect(takeEarlyAnswer(get('/api/v1/programmes/x/'))).toBeNull();
    expect(takeEarlyAnswer(get('/api/v1/programmes/', 'en', 'POST'))).toBeNull();
    expect(takeEarlyAnswer(get('/api/v1/programmes/', 'fr'))).toBeNull();
    early('/api/v1/programmes/', 'en', performance.now() - 60_000);
    expect(takeEarlyAnswer(get('/api/v1/programmes/'))).toBeNull();
  });

  it('asks the network itself when the early answer failed', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{"late":true}'));
    window.bridgesEarlyData = {
      '/api/v1/programmes/': { language: 'en', path: window.location.pathname, at: performance.now(), response: Promise.reject(new Error('offline')) },
    };
    const answer = await takeEarlyAnswer(get('/api/v1/programmes/'));
    expect(await answer?.json()).toEqual({ late: true });
    fetch.mockRestore();
  });
});
