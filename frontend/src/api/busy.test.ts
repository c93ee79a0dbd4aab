import { BUSY_RETRIES, busyWait, retryWhenBusy } from './busy';

const SHED = JSON.stringify({ type: 'server_error', errors: [{ code: 'server_busy', detail: 'Busy', attr: null }] });

function shed(retryAfter = '2') {
  return new Response(SHED, { status: 503, headers: { 'Retry-After': retryAfter, 'Content-Type': 'application/json' } });
}

function approve() {
  return new Request(`${window.location.origin}/api/v1/matches/m1/approve/`, {
    method: 'POST',
    body: '{"note":"yes"}',
    headers: { 'Content-Type': 'application/json' },
  });
}

it('sends a shed request again, body and all, after the wait it was asked for, until it gets through', async () => {
  const bodies: string[] = [];
  const answers = [shed('2'), shed('3'), new Response('{"state":"offered"}', { status: 200 })];
  const fetch = vi.fn(async (request: Request) => {
    bodies.push(await request.text());
    return answers.shift() as Response;
  });
  const waits: number[] = [];
  const response = await retryWhenBusy(approve(), fetch, async (ms) => void waits.push(ms));
  expect(response.status).toBe(200);
  expect(bodies).toEqual(['{"note":"yes"}', '{"note":"yes"}', '{"note":"yes"}']);
  expect(waits).toHaveLength(2);
  expect(waits[0]).toBeGreaterThanOrEqual(2000);
  expect(waits[0]).toBeLessThanOrEqual(4000);
  expect(waits[1]).toBeGreaterThanOrEqual(3000);
  expect(waits[1]).toBeLessThanOrEqual(6000);
});

it('gives up after a few tries and hands over the last answer, to be shown as an error', async () => {
  const fetch = vi.fn(async () => shed());
  const response = await retryWhenBusy(approve(), fetch, async () => undefined);
  expect(response.status).toBe(503);
  expect(fetch).toHaveBeenCalledTimes(BUSY_RETRIES + 1);
});

it('never sends again an answer that may have reached the application', async () => {
  for (const answer of [
    new Response('{"errors":[{"code":"conflict","detail":"Full","attr":null}]}', { status: 409 }),
    new Response('{"errors":[{"code":"database_down","detail":"Down","attr":null}]}', { status: 503 }),
    new Response('<html>Bad gateway</html>', { status: 503 }),
    new Response('{}', { status: 200 }),
  ]) {
    const fetch = vi.fn(async () => answer);
    expect(await retryWhenBusy(approve(), fetch, async () => undefined)).toBe(answer);
    expect(fetch).toHaveBeenCalledTimes(1);
  }
});

it('waits at most ten seconds (twice that with the spread), and two without a usable Retry-After', async () => {
  expect(await busyWait(shed('3600'), () => 0.5)).toBe(15000);
  expect(await busyWait(shed('soon'), () => 0)).toBe(2000);
  expect(await busyWait(shed('-1'), () => 1)).toBe(4000);
});
