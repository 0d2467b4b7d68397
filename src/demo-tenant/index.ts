/**
 * Simulated SailPoint Identity Security Cloud tenant (DESIGN.md section 6): the nine GETs of the upstream contract
 * in both path styles, `/oauth/token`, SailPoint's filter grammar and limits, retention windows, auth, rate
 * limiting, and injectable latency and faults. The gateway runs against it by default and every integration test
 * uses it, so it is deliberately at least as strict as SailPoint: what it accepts, SailPoint accepts.
 *
 * Clocks: data timestamps and retention windows use the fixed anchor `now`; token expiry and rate limiting use
 * the wall clock.
 *
 * The folder: server.ts (the socket, request log, latency and lifetime) with faults.ts (injected faults); http/
 * (token-endpoint.ts, data-endpoint.ts for auth, rate limit and routing, endpoints.ts answering, routes.ts,
 * params.ts, errors.ts, reply.ts); auth.ts (clients and tokens), rate-limit.ts, data/ (the seeded dataset),
 * progress.ts (its progression), filter/ (the `filters` grammar), time.ts, types.ts, main.ts (standalone start).
 */
import type { DemoTenant, DemoTenantOptions } from './types.js';
import { startTenant } from './server.js';

export type {
  DemoAccountActivity,
  DemoAccountActivityItem,
  DemoData,
  DemoExecution,
  DemoExecutionEvent,
  DemoIdentity,
  DemoInvocationStatus,
  DemoWorkflow,
} from './data/types.js';
export { DEFAULT_SEED, DEFAULT_TOKEN_TTL_SECONDS } from './server.js';
export type { DemoTenant, DemoTenantOptions, FaultRule, RecordedRequest } from './types.js';
export type { Progress } from './progress.js';

export function startDemoTenant(options?: DemoTenantOptions): Promise<DemoTenant> {
  return startTenant(options);
}
