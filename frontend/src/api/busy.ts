// Sending again what the server's gate turned away. Under load the server answers some requests at once with 503
// and the code server_busy (backend/common/shedding.py): such a request never reached the application, so sending
// it again is safe for any method, a coordinator's approval as much as a poll. This tab waits as the answer asks
// (Retry-After), spread over up to twice that so that everyone turned away at the same moment does not come back
// at the same moment, and tries up to BUSY_RETRIES more times before the error is shown. bench/load/writes.py sends
// its write burst again the same way.

export const BUSY_RETRIES = 3;
const LONGEST_WAIT_SECONDS = 10;

type Sleep = (milliseconds: number) => Promise<void>;
const sleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Milliseconds to wait before sending a shed request again; null for any other answer. */
export async function busyWait(response: Response, random: () => number = Math.random): Promise<number | null> {
  if (response.status !== 503) return null;
  let code: unknown;
  try {
    code = (await response.clone().json())?.errors?.[0]?.code;
  } catch {
    return null; // not the gate's answer (a proxy's page, say): it may have reached the application
  }
  if (code !== 'server_busy') return null;
  const asked = Number(response.headers.get('Retry-After'));
  const seconds = Number.isFinite(asked) && asked > 0 ? Math.min(asked, LONGEST_WAIT_SECONDS) : 2;
  return seconds * 1000 * (1 + random());
}

/** ``fetch``, sending a request again while the server's gate sheds it (at most BUSY_RETRIES times). */
export async function retryWhenBusy(
  request: Request,
  fetch: (request: Request) => Promise<Response>,
  wait: Sleep = sleep,
): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const last = attempt === BUSY_RETRIES;
    // Each try sends a copy (a body can be read once); the last one sends the request itself.
    const response = await fetch(last ? request : request.clone());
    const pause = last ? null : await busyWait(response);
    if (pause === null) return response;
    await wait(pause);
  }
}
