/** Errors from the API, mapped to one typed shape the screens can show. Pure: no I/O. */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Maps a failed response to an ApiError. The server sends
 * `{ statusCode, error, message, field? }`; anything else (HTML from a proxy, empty body)
 * still yields an ApiError with the HTTP status and an empty message, which the UI replaces
 * with a plain localized sentence for that status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body)) {
    const message = typeof body.message === 'string' ? body.message : '';
    const code = typeof body.error === 'string' && body.error !== '' ? body.error : `http_${status}`;
    const field = typeof body.field === 'string' && body.field !== '' ? body.field : undefined;
    return new ApiError(status, code, message, field);
  }
  if (typeof body === 'string' && body.trim() !== '' && body.length < 300 && !body.trimStart().startsWith('<')) {
    return new ApiError(status, `http_${status}`, body.trim());
  }
  return new ApiError(status, `http_${status}`, '');
}

export const NETWORK_ERROR_STATUS = 0;

export function networkError(): ApiError {
  return new ApiError(NETWORK_ERROR_STATUS, 'network', '');
}

/** Fallback message keys by status, used when the server gave no message. */
export type ErrorKey =
  | 'error.network'
  | 'error.badRequest'
  | 'error.unauthorized'
  | 'error.forbidden'
  | 'error.notFound'
  | 'error.locked'
  | 'error.tooMany'
  | 'error.server'
  | 'error.unknown';

export function fallbackErrorKey(status: number): ErrorKey {
  if (status === NETWORK_ERROR_STATUS) return 'error.network';
  if (status === 400 || status === 409 || status === 422) return 'error.badRequest';
  if (status === 401) return 'error.unauthorized';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFound';
  if (status === 423) return 'error.locked';
  if (status === 429) return 'error.tooMany';
  if (status >= 500) return 'error.server';
  return 'error.unknown';
}

/** The sentence to show for any thrown value: the server's localized message when there is one. */
export function errorText(err: unknown, t: (key: ErrorKey) => string): string {
  if (err instanceof ApiError) return err.message !== '' ? err.message : t(fallbackErrorKey(err.status));
  return t('error.unknown');
}
