import { randomUUID } from 'node:crypto';

/** A response other than 200, thrown by endpoint code and written by the server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const DETAIL_CODES: Readonly<Record<number, string>> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  500: '500.0 Internal Fault',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
  504: '504 Gateway Timeout',
};

/**
 * SailPoint's ErrorResponseDto (used for 400/403/404/500). The trackingId is fresh per response, written like
 * SailPoint's (32 hex digits, a UUID without dashes).
 */
export function errorResponseDto(status: number, text: string): Record<string, unknown> {
  return {
    detailCode: DETAIL_CODES[status] ?? `${status}`,
    trackingId: randomUUID().replaceAll('-', ''),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    causes: [],
  };
}

export const badRequest = (text: string): HttpError => new HttpError(400, errorResponseDto(400, text));
export const notFound = (text: string): HttpError => new HttpError(404, errorResponseDto(404, text));

/** 401 has its own shape (quirk Q5): `{error}`, not an ErrorResponseDto. */
export const unauthorized = (error: string): HttpError =>
  new HttpError(401, { error }, { 'WWW-Authenticate': 'Bearer realm="demo-tenant"' });

/** 429 has its own shape too; the message really has the surrounding spaces. */
export const rateLimited = (retryAfterSeconds: number): HttpError =>
  new HttpError(429, { message: ' Rate Limit Exceeded ' }, { 'Retry-After': String(retryAfterSeconds) });

/** Default body for an injected fault of this status, in the shape SailPoint uses for it. */
export function faultBody(status: number): unknown {
  if (status === 401) return { error: 'JWT validation failed: injected fault' };
  if (status === 429) return { message: ' Rate Limit Exceeded ' };
  return errorResponseDto(status, `Injected fault (HTTP ${status})`);
}
