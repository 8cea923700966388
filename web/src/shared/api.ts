/**
 * The typed API client: openapi-fetch over the server's OpenAPI `paths`.
 * A middleware adds Accept-Language and, on writes, the x-csrf-token header; every failure
 * becomes an ApiError; a 401 outside the login steps calls the session-expired handler.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-types';
import type { Locale } from './api-models';
import { ApiError, networkError, toApiError } from './errors';

let csrfToken: string | null = null;
let locale: Locale = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLocale(next: Locale): void {
  locale = next;
}

export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** A 401 on these paths never means "session expired": there is no session yet, or we are leaving it. */
const QUIET_401_PATHS = new Set<string>(['/api/auth/login', '/api/auth/logout']);

/** 401 codes that answer a sign-in form (wrong password, wrong code) rather than report an expired session. */
export const ANSWER_401_CODES = new Set<string>(['bad_credentials', 'bad_code']);

async function isSessionExpiry(response: Response, schemaPath: string): Promise<boolean> {
  if (response.status !== 401 || QUIET_401_PATHS.has(schemaPath)) return false;
  try {
    const body: unknown = await response.clone().json();
    const code = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    return !(typeof code === 'string' && ANSWER_401_CODES.has(code));
  } catch {
    return true;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': locale };
  if (!SAFE_METHODS.has(method.toUpperCase()) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  return headers;
}

const middleware: Middleware = {
  onRequest({ request }) {
    for (const [k, v] of Object.entries(requestHeaders(request.method))) request.headers.set(k, v);
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (await isSessionExpiry(response, schemaPath)) unauthorizedHandler?.();
    return undefined;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(middleware);

type AnyResult = { data?: unknown; error?: unknown; response: Response };

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<R extends AnyResult>(call: Promise<R>): Promise<NonNullable<R['data']>> {
  let res: R;
  try {
    res = await call;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw networkError();
  }
  if (!res.response.ok || res.error !== undefined) throw toApiError(res.response.status, res.error);
  return res.data as NonNullable<R['data']>;
}

/**
 * The file name a Content-Disposition header gives: the UTF-8 `filename*` (RFC 5987) when there is one — the server
 * sends the real, often Chinese, name there and an ASCII stand-in in `filename` — else `filename`.
 */
export function fileNameFromDisposition(disposition: string): string | null {
  const star = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition);
  if (star?.[1] !== undefined) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* malformed: fall back to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
  const name = plain?.[1] ?? plain?.[2];
  return name !== undefined && name !== '' ? name : null;
}

/** Downloads a file (e.g. the audit CSV) with the same headers and error mapping as the JSON calls. */
export async function download(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: requestHeaders('GET') });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    if (response.status === 401) unauthorizedHandler?.();
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    throw toApiError(response.status, body);
  }
  const blob = await response.blob();
  const name = fileNameFromDisposition(response.headers.get('content-disposition') ?? '') ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
