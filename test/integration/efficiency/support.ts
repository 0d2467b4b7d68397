import type { DemoTenant, RecordedRequest } from '../../../src/demo-tenant/index.js';

/** Shared bits of the efficiency tests: what the tenant received, windows over it, polling. */

/** Data requests the tenant received (token fetches excluded), optionally only those of one client. */
export function dataRequests(tenant: DemoTenant, clientId?: string): RecordedRequest[] {
  return tenant.requests.filter(
    (r) => r.path !== '/oauth/token' && (clientId === undefined || r.clientId === clientId),
  );
}

/** Largest number of the times that fall in any window [t, t + windowMs). */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two identities with account activities as target (so `requestedFor: "me"` differs per caller), neither the
 * admin. Returned with the ids of "their" activities.
 */
export function identitiesWithActivities(tenant: DemoTenant, count: number): string[] {
  const perTarget = new Map<string, number>();
  for (const activity of tenant.data.accountActivities) {
    const target = activity.targetIdentitySummary?.identityId;
    if (target && target !== tenant.data.adminIdentityId)
      perTarget.set(target, (perTarget.get(target) ?? 0) + 1);
  }
  const ids = [...perTarget.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id)
    .slice(0, count);
  if (ids.length < count) throw new Error(`demo data has fewer than ${count} identities with activities`);
  return ids;
}
