import type { DemoTenant, RecordedRequest } from '../../../src/demo-tenant/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';

/**
 * Shared bits of the efficiency tests: what the tenant received, windows over it, polling, and the pass-through
 * gateways of the gateway-efficiency tests with their callers.
 */

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

/** Whether redis-server is installed: the tests that need it are skipped, with the reason printed, without. */
export const available = redisServerBinary() !== null;
export const describeRedis = available ? describe : describe.skip;

/** A tenant client with its own identity, and the bearer token it sends through the pass-through gateway. */
export interface Caller {
  clientId: string;
  identityId: string | undefined;
  headers: { authorization: string };
}

export function newCaller(gw: TestGateway, identityId?: string): Caller {
  const { clientId } = gw.tenant.addClient(identityId);
  return { clientId, identityId, headers: { authorization: `Bearer ${gw.tenant.issueToken(clientId)}` } };
}

/** A pass-through gateway (each caller a tenant client); with CACHE_URL it is returned once the cache is ready. */
export async function passThroughGateway(env: Record<string, string>): Promise<TestGateway> {
  const gw = await startTestGateway({ mode: 'pass-through', logLevel: 'warn', env });
  if (env.CACHE_URL !== undefined) {
    await waitFor(async () => (await gw.get('/readyz')).status === 200);
  }
  return gw;
}

export const MY_ACTIVITIES = `query {
  accountActivities(requestedFor: "me", first: 20) { nodes { id target { identityId } } }
}`;

export type ActivitiesData = {
  accountActivities: { nodes: { id: string; target: { identityId: string } | null }[] };
};

/** The redis-server and gateway of the enclosing block, started by `useRedisGateway`. */
export let redis: RedisServer;
export let gw: TestGateway;

/**
 * Starts a redis-server and a pass-through gateway caching in it (`env` on top) for the enclosing block and stops
 * both after it. Before each test the tenant's request log, faults and latency are reset.
 */
export function useRedisGateway(env: Record<string, string> = {}): void {
  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    // Redis commands get seconds, not the 250 ms default: these tests count cache hits, and on a loaded machine a
    // command cut off at 250 ms is a miss (and an outage) that says nothing about what they test.
    gw = await passThroughGateway({ CACHE_URL: redis.url, CACHE_COMMAND_TIMEOUT_MS: '3000', ...env });
  });

  afterAll(async () => {
    await gw?.stop();
    await redis?.stop();
  });

  beforeEach(() => {
    gw.tenant.clearRequests();
    gw.tenant.clearFaults();
    gw.tenant.setLatency(0);
  });
}
