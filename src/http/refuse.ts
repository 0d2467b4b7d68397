import type { Response } from 'express';
import { recordRejection, requestScope, upstreamExtension } from '../graphql/request-scope.js';
import type { GatewayMetrics, RejectionOutcome } from '../observability/metrics.js';

/**
 * Answers a /graphql request that the HTTP layer refuses before Apollo sees it (too large, server busy, bad
 * body) with a GraphQL-shaped error: counted and logged once, `Cache-Control: no-store` like every other answer,
 * and `extensions.upstream` as on every /graphql response.
 */
export function refuseGraphQL(
  res: Response,
  metrics: GatewayMetrics,
  refusal: {
    status: number;
    code: string;
    message: string;
    outcome: RejectionOutcome;
    extensions?: Record<string, unknown>;
  },
): void {
  const scope = requestScope.getStore();
  recordRejection(metrics, scope, refusal.outcome, refusal.code);
  res.setHeader('cache-control', 'no-store');
  res.status(refusal.status).json({
    errors: [{ message: refusal.message, extensions: { ...refusal.extensions, code: refusal.code } }],
    ...(scope !== undefined ? { extensions: { upstream: upstreamExtension(scope) } } : {}),
  });
}
