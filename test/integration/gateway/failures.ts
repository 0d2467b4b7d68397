import type { DemoTenant, TestGateway } from '../../helpers/gateway.js';
import { startGateway } from './support.js';

/**
 * The upstream failures the partial-data tests inject (one demo-tenant fault each, on one path), with the code
 * the failing field gets. Shared by the root-field table (partial-data.test.ts), the per-endpoint audit
 * (nested-fields.test.ts) and the `_entities` tests, so each fails fields the same four ways.
 */

export const FAILURE_TIMEOUT_MS = 300;

/**
 * Gateway environment of those tests. No retries: each failure costs exactly one upstream request, so the request
 * log can be asserted exactly; a short timeout, so the timeout case is quick.
 */
export const FAILURE_ENV = {
  UPSTREAM_TIMEOUT_MS: String(FAILURE_TIMEOUT_MS),
  UPSTREAM_MAX_RETRIES: '0',
} as const;

export interface UpstreamFailure {
  name: string;
  code: string;
  /** Injects the failure on `path` (a RegExp, or a string matching the path exactly). */
  inject: (tenant: DemoTenant, path: string | RegExp) => void;
  /**
   * Whether the tenant logs the failed request. It does not log one the gateway gave up on (a timeout): that
   * call is only in the gateway's `extensions.upstream.requests`.
   */
  logged: boolean;
}

export const UPSTREAM_FAILURES: readonly UpstreamFailure[] = [
  { name: 'a 4xx', code: 'FORBIDDEN', logged: true, inject: (t, path) => t.addFault({ path, status: 403 }) },
  {
    name: 'a 5xx',
    code: 'UPSTREAM_ERROR',
    logged: true,
    inject: (t, path) => t.addFault({ path, status: 502 }),
  },
  {
    name: 'a 429',
    code: 'RATE_LIMITED',
    logged: true,
    // Retry-After far beyond the operation deadline: answered at once, not waited for.
    inject: (t, path) => t.addFault({ path, status: 429, headers: { 'Retry-After': '60' } }),
  },
  {
    name: 'a timeout',
    code: 'UPSTREAM_TIMEOUT',
    logged: false,
    inject: (t, path) => t.addFault({ path, delayMs: FAILURE_TIMEOUT_MS * 2, times: 1 }),
  },
];

/**
 * Starts support.ts's gateway with FAILURE_ENV before the file's tests (handing it to `use`), stops it after
 * them, and clears the tenant's faults after each test.
 */
export function withFailureGateway(use: (gw: TestGateway) => void): void {
  let gw: TestGateway | undefined;
  beforeAll(async () => {
    gw = await startGateway({ env: FAILURE_ENV });
    use(gw);
  });
  afterAll(async () => {
    await gw?.stop();
  });
  afterEach(() => {
    gw?.tenant.clearFaults();
  });
}
