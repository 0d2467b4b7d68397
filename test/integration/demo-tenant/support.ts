import type { DemoTenant } from '../../../src/demo-tenant/index.js';
import { startTestTenant, tenantGet } from '../../helpers/demo-tenant.js';

/** Shared set-up of the demo tenant's endpoint tests (endpoints-*.test.ts). */

/** The file's tenant and a token of its demo client, set by `useTenant()`. */
export let tenant: DemoTenant;
export let token: string;

/** One tenant for the whole file, its rate limit raised so no test waits on it; stopped after the file. */
export function useTenant(): void {
  beforeAll(async () => {
    tenant = await startTestTenant({ rateLimit: { requests: 100_000, windowMs: 10_000 } });
    token = tenant.issueToken();
  });
  afterAll(() => tenant.stop());
}

/** GET with the file's token and optional query parameters. */
export const get = <T = unknown>(path: string, query?: Record<string, string | number | boolean>) =>
  tenantGet<T>(tenant, path, { token, ...(query ? { query } : {}) });

export const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
