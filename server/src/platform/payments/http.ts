import { ProviderError } from './provider.js';

/** The fetch a client uses (global fetch; tests may pass another). */
export type Fetch = typeof fetch;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Default time a provider call may take: the member waits on the checkout page meanwhile. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** One HTTP exchange with a provider, bounded in time; network failures become ProviderErrors. */
export async function exchange(fetchFn: Fetch, url: string, init: RequestInit, timeoutMs = PROVIDER_TIMEOUT_MS): Promise<RawResponse> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new ProviderError('timeout', `no answer from ${new URL(url).host} within ${timeoutMs} ms`);
    throw new ProviderError('network', `cannot reach ${new URL(url).host}: ${(err as Error).message}`);
  }
  let body: Buffer;
  try {
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    throw new ProviderError('network', `answer from ${new URL(url).host} broke off: ${(err as Error).message}`);
  }
  return { status: res.status, headers: res.headers, body };
}

/** JSON of a body, or a bad_response error naming what was expected. */
export function parseJson<T>(body: Buffer | string, what: string): T {
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as T;
  } catch {
    throw new ProviderError('bad_response', `${what}: not JSON`);
  }
}
