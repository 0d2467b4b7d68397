/**
 * The vocabulary every layer shares (this folder imports nothing of the gateway's): error codes and the error
 * class clients see (this file), the caller's credential (credential.ts), enum mapping (enums.ts), date-times
 * (datetime.ts), ids (ids.ts), entity references (entities.ts), global node ids (node-id.ts), and the context
 * every resolver receives (resolver-context.ts).
 */
import { GraphQLError } from 'graphql';

/**
 * The closed set of `extensions.code` values a client can see (DESIGN.md section 7). Names reuse Apollo's
 * where Apollo has one.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT'
  // Client mistakes in the request itself (not in an argument): a malformed body or extension.
  | 'BAD_REQUEST'
  // A mutation or subscription sent over HTTP to this read-only gateway.
  | 'OPERATION_NOT_SUPPORTED'
  // An APQ request whose `sha256Hash` is not the hash of the query sent with it.
  | 'PERSISTED_QUERY_HASH_MISMATCH'
  /** PERSISTED_DOCUMENTS_ONLY: the request sent a document that is not in the trusted manifest. */
  | 'PERSISTED_DOCUMENT_REQUIRED'
  /** A `documentId` (or, with PERSISTED_DOCUMENTS_ONLY, an APQ hash) that the manifest does not have. */
  | 'PERSISTED_DOCUMENT_NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR';

export interface GatewayErrorExtensions {
  /** SailPoint's `trackingId`, to quote to SailPoint support. */
  trackingId?: string;
  /** Seconds to wait before retrying (RATE_LIMITED). */
  retryAfter?: number;
  /** HTTP status of the upstream response, when there was one. */
  upstreamStatus?: number;
  [key: string]: unknown;
}

/** An expected failure, shown to the caller as-is. Anything else that reaches `formatError` is a bug and masked. */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: GatewayErrorExtensions = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

/** Invalid argument from the caller. */
export const badUserInput = (message: string, extensions: GatewayErrorExtensions = {}): GatewayError =>
  new GatewayError('BAD_USER_INPUT', message, extensions);

/** Seconds for `extensions.retryAfter`: whole seconds, at least 1 (0 would invite an immediate retry storm). */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** The gateway's own pacer refused to wait past the caller's deadline for a slot of the SailPoint budget. */
export function rateBudgetExceeded(retryAfterMs: number): GatewayError {
  const retryAfter = retryAfterSeconds(retryAfterMs);
  return new GatewayError(
    'RATE_LIMITED',
    `The SailPoint request budget of this credential is used up; retry after ${retryAfter} s`,
    { retryAfter },
  );
}
