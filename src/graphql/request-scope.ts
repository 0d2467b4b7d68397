import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { RequestTrace } from '../observability/tracing.js';
import type { GatewayMetrics, RejectionOutcome } from '../observability/metrics.js';
import type { UpstreamStats } from '../upstream/types.js';

/**
 * Request-scoped values that Apollo hooks without access to the context (formatError, stringifyResult) still
 * need. The HTTP layer opens the scope for every request; the GraphQL layer reads and fills it.
 */
export interface RequestScope {
  requestId: string;
  logger: Logger;
  /** `performance.now()` when the request arrived, for `durationMs` of responses no operation produced. */
  startedAt: number;
  req: Request;
  /** The context's counters, once the context function made them. */
  stats?: UpstreamStats;
  /** Set once the request is in `graphql_operations_total`, so a refusal after an operation ran is not counted twice. */
  counted: boolean;
  /** The request's span, when tracing is on (then `logger` carries its `trace_id`). */
  trace?: RequestTrace;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * `extensions.upstream` of a response that no operation produced (refused requests): the counters of the context
 * if one was made (zeros otherwise), and the time since the request arrived.
 */
export function upstreamExtension(scope: RequestScope): UpstreamStats {
  const stats = scope.stats ?? { requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 };
  return { ...stats, durationMs: Math.round(performance.now() - scope.startedAt) };
}

/** The `operationName` a refused request's body claims, if any. */
function claimedOperationName(body: unknown): string | null {
  const name =
    typeof body === 'object' && body !== null ? (body as { operationName?: unknown }).operationName : null;
  return typeof name === 'string' ? name : null;
}

/** Counts and logs a request refused before any operation ran (once per request). */
export function recordRejection(
  metrics: GatewayMetrics,
  scope: RequestScope | undefined,
  outcome: RejectionOutcome,
  code: string,
): void {
  if (scope === undefined || scope.counted) return;
  scope.counted = true;
  metrics.rejected(claimedOperationName(scope.req.body), outcome);
  scope.logger.info(
    { outcome, errorCodes: [code], durationMs: Math.round(performance.now() - scope.startedAt) },
    'graphql request rejected',
  );
}
