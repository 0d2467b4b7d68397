import type { RequestError } from 'got';
import {
  GatewayError,
  rateBudgetExceeded,
  retryAfterSeconds,
  type ErrorCode,
  type GatewayErrorExtensions,
} from '../core/errors.js';

/**
 * The one place that turns SailPoint failures into `GatewayError`s (DESIGN.md section 7). Resolvers never see a
 * status code; they see a code from the closed `ErrorCode` union and a message written for a frontend developer.
 */

/** Thrown when a switch that should be exhaustive meets a value the types said could not exist. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}

/** What went wrong talking to SailPoint, before it becomes a GatewayError. */
export type UpstreamFailure =
  /** SailPoint answered with a non-2xx status. `body` is the parsed JSON body, or the raw text if it was not JSON. */
  | { kind: 'status'; status: number; body: unknown; retryAfterMs?: number; attempts?: number }
  /** Connection refused/reset, DNS failure, TLS failure...: no HTTP answer at all. */
  | { kind: 'network'; attempts?: number }
  | { kind: 'timeout'; timeoutMs: number }
  /** A 2xx whose body is not the JSON shape the contract promises. */
  | { kind: 'invalid-body'; status: number }
  /** Our own pacer refused to wait past the caller's deadline. */
  | { kind: 'rate-budget'; retryAfterMs: number };

/** Buckets of failures that share one code and one kind of message. */
export type FailureClass =
  | 'bad-request'
  | 'too-large'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'unexpected-status'
  | 'network'
  | 'timeout'
  | 'invalid-body'
  | 'rate-budget';

export function classifyStatus(status: number): FailureClass {
  if (status === 400 || status === 422) return 'bad-request';
  // 414 URI Too Long / 431 Request Header Fields Too Large: the caller's arguments made the URL too long. Only a
  // caller can shorten them, which the gateway's own bounds (list-query.ts) cannot always foresee in combination.
  if (status === 414 || status === 431) return 'too-large';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  // 410 Gone: archived executions may surface like this; to the caller it is simply not there.
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500 && status <= 599) return 'server-error';
  // 3xx (redirects are not followed: they could carry the Authorization header elsewhere) and other 4xx.
  return 'unexpected-status';
}

export function classifyFailure(failure: UpstreamFailure): FailureClass {
  switch (failure.kind) {
    case 'status':
      return classifyStatus(failure.status);
    case 'network':
    case 'timeout':
    case 'invalid-body':
    case 'rate-budget':
      return failure.kind;
    default:
      throw new UnreachableCaseError(failure);
  }
}

/** The status -> code table of STYLE.md section 4. */
export function codeForClass(failureClass: FailureClass): ErrorCode {
  switch (failureClass) {
    case 'bad-request':
    case 'too-large':
      return 'BAD_USER_INPUT';
    case 'unauthenticated':
      return 'UNAUTHENTICATED';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'not-found':
      return 'NOT_FOUND';
    case 'rate-limited':
    case 'rate-budget':
      return 'RATE_LIMITED';
    case 'server-error':
    case 'unexpected-status':
    case 'network':
    case 'invalid-body':
      return 'UPSTREAM_ERROR';
    case 'timeout':
      return 'UPSTREAM_TIMEOUT';
    default:
      throw new UnreachableCaseError(failureClass);
  }
}

export const codeForStatus = (status: number): ErrorCode => codeForClass(classifyStatus(status));

const MAX_MESSAGE_CHARS = 300;
const REDACTED = '[redacted]';

/**
 * Removes anything that looks like a credential from text that may reach a caller or a log: the secrets we know
 * (tokens, client secret), plus bearer headers and JWT-shaped strings in case SailPoint echoes a token we did not
 * send ourselves.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary words; real tokens and secrets are long.
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`)
    .replace(/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, REDACTED)
    .replace(/(client_secret|access_token|refresh_token)=[^&\s"']+/gi, `$1=${REDACTED}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstText(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const entry of list) {
    if (isRecord(entry) && typeof entry.text === 'string' && entry.text.trim()) return entry.text;
  }
  return undefined;
}

/**
 * SailPoint's human-readable reason. The body shape depends on the status (quirk Q5): ErrorResponseDto
 * `messages[].text` (400/403/404/500), `{error}` (401), `{message}` (429). Raw bodies are never passed on.
 */
export function upstreamMessage(body: unknown, secrets: readonly string[] = []): string | undefined {
  if (!isRecord(body)) return undefined;
  const raw =
    firstText(body.messages) ??
    (typeof body.error === 'string' ? body.error : undefined) ??
    (typeof body.message === 'string' ? body.message : undefined) ??
    firstText(body.causes);
  if (raw === undefined) return undefined;
  const flat = scrubSecrets(raw.replace(/\s+/g, ' ').trim(), secrets);
  if (!flat) return undefined;
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS - 1)}…` : flat;
}

export function upstreamTrackingId(body: unknown): string | undefined {
  if (!isRecord(body) || typeof body.trackingId !== 'string') return undefined;
  // A tracking id is a short hex/uuid-ish token; anything else is not worth echoing.
  const id = body.trackingId.trim();
  return /^[\w.:-]{1,100}$/.test(id) ? id : undefined;
}

export { retryAfterSeconds };

const withReason = (prefix: string, reason: string | undefined): string =>
  reason ? `${prefix}: ${reason}` : prefix;

export function toGatewayError(failure: UpstreamFailure, secrets: readonly string[] = []): GatewayError {
  if (failure.kind === 'rate-budget') return rateBudgetExceeded(failure.retryAfterMs);
  const failureClass = classifyFailure(failure);
  const code = codeForClass(failureClass);
  const extensions: GatewayErrorExtensions = {};
  let reason: string | undefined;
  if (failure.kind === 'status') {
    extensions.upstreamStatus = failure.status;
    const trackingId = upstreamTrackingId(failure.body);
    if (trackingId) extensions.trackingId = trackingId;
    reason = upstreamMessage(failure.body, secrets);
  }
  const status = failure.kind === 'status' || failure.kind === 'invalid-body' ? failure.status : undefined;
  const attempts = failure.kind === 'status' || failure.kind === 'network' ? (failure.attempts ?? 1) : 1;
  const afterAttempts = attempts > 1 ? ` after ${attempts} attempts` : '';
  let message: string;
  switch (failureClass) {
    case 'bad-request':
      message = withReason('SailPoint rejected the request', reason);
      break;
    case 'too-large':
      // No reason appended: what a 414/431 body says is about URLs the caller never sees.
      message = `The request was too large for SailPoint (HTTP ${status}): use fewer or shorter filter values or ids`;
      break;
    case 'unauthenticated':
      message = withReason('SailPoint rejected the credentials', reason);
      break;
    case 'forbidden':
      message = withReason('The credentials are not allowed to read this from SailPoint', reason);
      break;
    case 'not-found':
      message = withReason('Not found in SailPoint', reason);
      break;
    case 'rate-limited': {
      const waitMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
      extensions.retryAfter = retryAfterSeconds(waitMs ?? 1000);
      message = `SailPoint's rate limit was reached; retry after ${extensions.retryAfter} s`;
      break;
    }
    case 'rate-budget':
      // Answered above by rateBudgetExceeded (the pacer in cache/ makes the same error).
      throw new UnreachableCaseError(failureClass as never);
    case 'server-error':
      message = `SailPoint failed to answer (HTTP ${status})${afterAttempts}`;
      break;
    case 'unexpected-status':
      message = `SailPoint answered with unexpected HTTP status ${status}`;
      break;
    case 'network':
      message = `Could not reach SailPoint${afterAttempts}`;
      break;
    case 'timeout':
      message = `SailPoint did not answer in time`;
      break;
    case 'invalid-body':
      message = `SailPoint sent a response the gateway could not read (HTTP ${status})`;
      break;
    default:
      throw new UnreachableCaseError(failureClass);
  }
  return new GatewayError(code, message, extensions);
}

/**
 * The gateway's own client-credentials request failed. The caller authenticated fine with the gateway; it is the
 * gateway's SailPoint credential (or SailPoint) that failed, which no caller can fix: UPSTREAM_ERROR, not
 * UNAUTHENTICATED. A 429 stays RATE_LIMITED, so the caller still learns when to come back.
 */
export function tokenFailure(status: number, body: unknown, secrets: readonly string[] = []): GatewayError {
  if (classifyStatus(status) === 'rate-limited')
    return toGatewayError({ kind: 'status', status, body }, secrets);
  const extensions: GatewayErrorExtensions = { upstreamStatus: status };
  const trackingId = upstreamTrackingId(body);
  if (trackingId) extensions.trackingId = trackingId;
  return new GatewayError(
    'UPSTREAM_ERROR',
    `The gateway could not obtain its SailPoint token (HTTP ${status})`,
    extensions,
  );
}

/**
 * got `beforeError` hook. Our own messages never include got errors, but a got error can still end up in a log
 * line or a crash report, and it carries the request options: the Authorization header and, for the token call,
 * the form body with the client secret. Strip them here so no later code path can leak them.
 */
export function scrubRequestError(error: RequestError): RequestError {
  error.message = scrubSecrets(error.message);
  const options = error.options as RequestError['options'] | undefined;
  if (options) {
    try {
      const headers = options.headers as Record<string, unknown>;
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase() === 'authorization') delete headers[name];
      }
      // Order matters: got refuses a body while a form is set.
      options.form = undefined;
      options.body = undefined;
    } catch {
      // A frozen or half-built options object: nothing more we can strip, and the hook must not throw.
    }
  }
  return error;
}
