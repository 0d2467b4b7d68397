import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';
import {
  gatewayBuild,
  spawnGateway,
  startJitterProxy,
  type GatewayBuild,
  type GatewayProcess,
} from './processes.js';
import { dataRequests, maxInAnyWindow } from './support.js';

/**
 * d) Two gateway PROCESSES sharing one Redis and one SailPoint client, UPSTREAM_RATE_LIMIT=10/1s, 40 queries that
 * each need a distinct upstream call, all fired at once: every query succeeds and the tenant's own arrival log
 * never holds more than 10 requests of that client in any 1000 ms window. The tenant enforces 10/1s itself (a
 * 429 would show in its log), and a proxy delays each request's arrival by a random 0-120 ms after the gateway
 * sent it, which is what a pacer logging admission times gets wrong.
 */

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;

const API_KEY = 'efficiency-replicas-api-key-7f3a9c1e5b';
const EXECUTION = 'query ($id: ID!) { workflowExecution(id: $id) { id status } }';

describeRedis(available ? 'two gateway processes, one Redis' : `replicas: ${REDIS_SKIP_REASON}`, () => {
  let redis: RedisServer;
  let tenant: DemoTenant;
  let proxy: { url: string; stop(): Promise<void> };
  let build: GatewayBuild;
  const gateways: GatewayProcess[] = [];

  beforeAll(async () => {
    build = gatewayBuild();
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    tenant = await startDemoTenant({
      port: 0,
      host: '127.0.0.1',
      rateLimit: { requests: 10, windowMs: 1000 },
    });
    proxy = await startJitterProxy(tenant.url, 120);
    const env = {
      SAILPOINT_BASE_URL: proxy.url,
      SAILPOINT_CLIENT_ID: tenant.credentials.clientId,
      SAILPOINT_CLIENT_SECRET: tenant.credentials.clientSecret,
      GATEWAY_API_KEYS: API_KEY,
      CACHE_URL: redis.url,
      // This test is about the shared budget, not Redis outages: on a loaded machine a pacing script slower than
      // the default 250 ms would mark Redis down and drop each process to a budget of its own.
      CACHE_COMMAND_TIMEOUT_MS: '3000',
      UPSTREAM_RATE_LIMIT: '10/1s',
      // One API key is one caller: the whole budget is its to use here (fair sharing has its own test).
      UPSTREAM_CALLER_SHARE_PERCENT: '100',
      REQUEST_TIMEOUT_MS: '20000',
      NODE_ENV: 'test',
    };
    gateways.push(...(await Promise.all([spawnGateway(build.entry, env), spawnGateway(build.entry, env)])));
  }, 40_000);

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await proxy?.stop();
    await tenant?.stop();
    await redis?.stop();
    build?.cleanup();
  });

  test('d) 40 distinct calls through 2 processes at 10/1s: all succeed, never more than 10 in any 1 s window', async () => {
    const ids = tenant.data.retainedExecutions.slice(0, 40).map((e) => e.id);
    expect(new Set(ids).size).toBe(40);
    tenant.clearRequests();
    const started = Date.now();
    const results = await Promise.all(
      ids.map(async (id, i) => {
        const response = await fetch(gateways[i % 2]!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
          body: JSON.stringify({ query: EXECUTION, variables: { id } }),
        });
        return {
          id,
          body: (await response.json()) as {
            data?: { workflowExecution: { id: string } | null };
            errors?: unknown[];
            extensions?: { upstream?: { requests: number } };
          },
        };
      }),
    );
    const elapsed = Date.now() - started;

    for (const { id, body } of results) {
      expect(body.errors).toBeUndefined();
      expect(body.data?.workflowExecution?.id).toBe(id);
    }
    const upstream = dataRequests(tenant, tenant.credentials.clientId);
    expect(upstream.filter((r) => r.status !== 200)).toEqual([]);
    // What the gateways say they sent is what the tenant received: one call per query, unless a connection
    // broke on the way back and the call was retried (then both sides count the retry).
    const reported = results.reduce((n, r) => n + (r.body.extensions?.upstream?.requests ?? 0), 0);
    expect(upstream).toHaveLength(reported);
    expect(reported).toBeGreaterThanOrEqual(40);
    expect(reported).toBeLessThanOrEqual(42);

    const perWindow = maxInAnyWindow(
      upstream.map((r) => r.at),
      1000,
    );
    expect(perWindow).toBeLessThanOrEqual(10);
    // 40 calls at 10 per second cannot take less than 3 full windows.
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    // Both processes did their share and took the budget from the same Redis log.
    for (const gateway of gateways) {
      expect(gateway.logs.some((l) => String(l.msg).includes('redis unavailable'))).toBe(false);
    }
  }, 30_000);
});
