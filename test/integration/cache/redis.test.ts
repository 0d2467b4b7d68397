import { createClient } from 'redis';
import { acquireWithin } from '../../../src/cache/pacer.js';
import { createRedisLimiter } from '../../../src/cache/pacer-redis.js';
import { createRedisConnection, type RedisConnection } from '../../../src/cache/redis.js';
import { createRedisStore } from '../../../src/cache/store.js';
import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { createUpstream } from '../../../src/upstream/index.js';
import { systemClock } from '../../../src/upstream/clock.js';
import type { UpstreamConfig } from '../../../src/upstream/config.js';
import type { Upstream } from '../../../src/upstream/types.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';
import { callContext, memoryLogger, recordingMetrics, silentLogger } from '../../unit/upstream/fakes.js';
import { neverMoreThan, upstreamConfig } from '../upstream/setup.js';

/**
 * Real redis-server on a free loopback port: the shared cache across replicas, isolation, Redis dying and coming
 * back (queries keep answering, health says degraded, then ok), a hung Redis, and the shared pacing budget.
 */

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeRedis(available ? 'with redis-server' : `redis: ${REDIS_SKIP_REASON}`, () => {
  let redis: RedisServer;
  let tenant: DemoTenant;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    tenant = await startDemoTenant({ port: 0 });
  });

  afterAll(async () => {
    await tenant.stop();
    await redis.stop();
  });

  beforeEach(async () => {
    tenant.clearRequests();
    tenant.clearFaults();
    const admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    await admin.flushAll();
    admin.destroy();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function connection(logger = silentLogger()): RedisConnection {
    const conn = createRedisConnection(redis.url, { logger });
    cleanups.push(() => conn.close());
    return conn;
  }

  async function replica(
    overrides: Partial<UpstreamConfig> = {},
    logger = silentLogger(),
  ): Promise<Upstream> {
    const metrics = recordingMetrics();
    const upstream = createUpstream(
      upstreamConfig(tenant.url, {
        cache: { url: redis.url, ttlSeconds: 10, workflowTtlSeconds: 60 },
        ...overrides,
      }),
      { logger, metrics },
    );
    cleanups.push(() => upstream.close());
    await waitFor(() => upstream.health().cache === 'ok');
    return upstream;
  }

  test('store round trip with TTL, readable from another connection', async () => {
    const a = connection();
    const b = connection();
    await a.ready();
    await b.ready();
    const storeA = createRedisStore(a);
    const storeB = createRedisStore(b);
    await storeA.set('sgw:cache:test', '[{"id":"x"}]', 60_000);
    expect(await storeB.get('sgw:cache:test')).toBe('[{"id":"x"}]');
    await storeA.set('sgw:cache:short', '1', 30);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await storeB.get('sgw:cache:short')).toBeUndefined();
    expect(storeA.health()).toBe('ok');
  });

  test('replicas share cached responses per caller, and callers stay isolated', async () => {
    const replicaA = await replica();
    const replicaB = await replica();
    const tokenA = tenant.issueToken(tenant.addClient().clientId);
    const tokenB = tenant.issueToken(tenant.addClient().clientId);

    const first = callContext();
    await replicaA.forCaller({ kind: 'bearer', token: tokenA }, first).listWorkflows();
    // Responses do not wait for the cache write; another replica (another connection) only sees it once done.
    await replicaA.flush();
    const second = callContext();
    const cached = await replicaB.forCaller({ kind: 'bearer', token: tokenA }, second).listWorkflows();
    expect(cached).toHaveLength(tenant.data.workflows.length);
    expect([first.stats.requests, second.stats.requests, second.stats.cacheHits]).toEqual([1, 0, 1]);

    const other = callContext();
    await replicaB.forCaller({ kind: 'bearer', token: tokenB }, other).listWorkflows();
    expect([other.stats.requests, other.stats.cacheHits]).toEqual([1, 0]);
    expect(tenant.requests).toHaveLength(2);

    const admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    const keys = await admin.keys('*');
    admin.destroy();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^sgw:(cache|pace):[0-9a-f]{64}$/);
      expect(key).not.toContain(tokenA);
      expect(key).not.toContain(tokenB);
    }
  });

  // Timing: where a test shows that nothing waits on Redis, the command timeout is raised to seconds, so that
  // waiting would take far longer than the bound and a slow CI machine cannot fail the test by accident.
  const cacheWith = (commandTimeoutMs: number): Partial<UpstreamConfig> => ({
    cache: { url: redis.url, ttlSeconds: 10, workflowTtlSeconds: 60, commandTimeoutMs },
  });

  test('Redis killed mid-run: calls still answered, health degraded, logged once; then it recovers', async () => {
    const log = memoryLogger();
    const upstream = await replica(cacheWith(5000), log.logger);
    const token = tenant.issueToken(tenant.addClient().clientId);
    const call = () => upstream.forCaller({ kind: 'bearer', token }, callContext());
    await call().listWorkflows();

    await redis.kill();
    await waitFor(() => upstream.health().cache === 'degraded');
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      expect(await call().listTriggerInvocationStatuses({ offset: i, limit: 1 })).toMatchObject({
        items: [expect.anything()],
      });
      // The offline queue is off: no waiting on a dead Redis (which would take the 5 s command timeout).
      expect(Date.now() - started).toBeLessThan(2500);
    }
    const warnings = log.records().filter((r) => r.level === 'warn');
    expect(warnings.filter((r) => r.msg.startsWith('cache redis unavailable'))).toHaveLength(1);
    expect(warnings.filter((r) => r.msg.startsWith('redis unavailable: upstream pacing'))).toHaveLength(1);

    await redis.restart();
    await waitFor(() => upstream.health().cache === 'ok', 10_000);
    expect(log.records().some((r) => r.msg === 'cache redis is back')).toBe(true);
    tenant.clearRequests();
    await call().getWorkflow(tenant.data.workflows[0]!.id);
    const again = callContext();
    await upstream.forCaller({ kind: 'bearer', token }, again).getWorkflow(tenant.data.workflows[0]!.id);
    expect(again.stats.cacheHits).toBe(1);
    expect(tenant.requests).toHaveLength(1);
  }, 20_000);

  test('a hung Redis is abandoned after the command timeout and the call goes upstream', async () => {
    const upstream = await replica(cacheWith(2000));
    const token = tenant.issueToken(tenant.addClient().clientId);
    redis.pause();
    try {
      const call = callContext();
      const started = Date.now();
      expect(await upstream.forCaller({ kind: 'bearer', token }, call).listWorkflows()).toHaveLength(
        tenant.data.workflows.length,
      );
      // The cache read waited for the timeout and gave up; the pacing script and the write then skip Redis, which
      // is marked down (a hung Redis without the timeout would hold the call until the test times out).
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1900);
      expect(elapsed).toBeLessThan(3900);
      expect(call.stats.requests).toBe(1);
      expect(upstream.health().cache).toBe('degraded');

      // While marked down, requests skip Redis instead of paying the 2 s timeout again.
      const quick = Date.now();
      await upstream.forCaller({ kind: 'bearer', token }, callContext({ noCache: true })).listWorkflows();
      expect(Date.now() - quick).toBeLessThan(1900);
    } finally {
      redis.resume();
    }
    // The next probe (at most one per second) finds it answering again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await upstream.forCaller({ kind: 'bearer', token }, callContext()).listWorkflows();
    expect(upstream.health().cache).toBe('ok');
  }, 15_000);

  test('two limiters sharing one Redis never admit more than N in any window together', async () => {
    const rate = { limit: 5, windowMs: 300 };
    const connections = [connection(), connection()];
    await Promise.all(connections.map((conn) => conn.ready()));
    const limiters = connections.map((conn) => createRedisLimiter(conn, rate, { logger: silentLogger() }));
    const identity = 'shared-client';
    const admitted = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const limiter = limiters[i % 2]!;
        const slot = await acquireWithin(limiter, identity, Date.now() + 10_000, systemClock);
        // The "request" answers at once.
        await limiter.complete(identity, slot.ticket);
        return slot.at;
      }),
    );
    // `admitted` are Redis TIME stamps: one clock for both limiters, so the check is exact.
    expect(neverMoreThan(rate.limit, rate.windowMs, admitted)).toBe(true);
    const span = Math.max(...admitted) - Math.min(...admitted);
    expect(span).toBeGreaterThanOrEqual(((24 - rate.limit) / rate.limit) * rate.windowMs - 1);
  });

  test('an in-flight ticket holds its slot until completed, then counts from the completion time', async () => {
    const conn = connection();
    await conn.ready();
    const limiter = createRedisLimiter(conn, { limit: 1, windowMs: 200 }, { logger: silentLogger() });
    const first = await limiter.tryAcquire('flight', 10_000);
    expect(first.admitted).toBe(true);
    const admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    const [key] = await admin.keys('sgw:pace:*');
    const ttl = await admin.pTTL(key!);
    admin.destroy();
    // In flight for up to 10 s: the key outlives the hold plus a window.
    expect(ttl).toBeGreaterThan(10_000);
    // Three windows later it is still in flight: refused, told to look again after at most one window.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const refused = await limiter.tryAcquire('flight', 10_000);
    expect(refused).toMatchObject({ admitted: false });
    expect((refused as { waitMs: number }).waitMs).toBeLessThanOrEqual(200);
    const completedAt = Date.now();
    await limiter.complete('flight', (first as { ticket: string }).ticket);
    expect((await limiter.tryAcquire('flight', 10_000)).admitted).toBe(false);
    const slot = await acquireWithin(limiter, 'flight', Date.now() + 2000, systemClock);
    // Admitted one window after the completion, not after the admission 600 ms earlier.
    expect(Date.now() - completedAt).toBeGreaterThanOrEqual(195);
    expect(slot.ticket).toEqual(expect.any(String));
  });

  test('without Redis the limiter falls back to a per-process log', async () => {
    const log = memoryLogger();
    const conn = connection(log.logger);
    await conn.ready();
    const limiter = createRedisLimiter(conn, { limit: 2, windowMs: 60_000 }, { logger: log.logger });
    expect((await limiter.tryAcquire('x', 0)).admitted).toBe(true);
    await redis.kill();
    await waitFor(() => conn.state() === 'down');
    const local = await limiter.tryAcquire('x', 1000);
    expect(local).toMatchObject({ admitted: true, ticket: expect.stringMatching(/^local:/) });
    // Its completion goes to the local log (and never throws while Redis is down).
    await limiter.complete('x', (local as { ticket: string }).ticket);
    await limiter.complete('x', 'some-redis-ticket');
    expect((await limiter.tryAcquire('x', 0)).admitted).toBe(true);
    expect(await limiter.tryAcquire('x', 0)).toMatchObject({ admitted: false });
    expect(log.records().filter((r) => r.msg.startsWith('redis unavailable: upstream pacing'))).toHaveLength(
      1,
    );
    await redis.restart();
  });
});
