import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';
import { dataRequests, waitFor } from './support.js';

/**
 * The cache is an accelerator, never a dependency, seen through the gateway: Redis dying mid-run, a Redis that
 * stops answering (abandoned after the command timeout), and recovery. Queries keep answering, `/readyz` says
 * degraded (503) and then ok again, and the outage is logged once, not per request.
 *
 * The command timeout is raised to 2 s (250 ms by default), so that "does not wait on Redis" is a bound far below
 * what waiting would take, which a slow CI machine cannot cross by accident.
 */
const COMMAND_TIMEOUT_MS = 2000;

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;

const QUERY = 'query ($first: Int) { triggerInvocationStatuses(first: $first) { nodes { id } } }';

describeRedis(available ? 'redis outage through the gateway' : `redis outage: ${REDIS_SKIP_REASON}`, () => {
  let redis: RedisServer;
  let gw: TestGateway;

  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    gw = await startTestGateway({
      mode: 'service',
      logLevel: 'info',
      env: { CACHE_URL: redis.url, CACHE_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) },
    });
    await waitFor(async () => (await gw.get('/readyz')).status === 200);
  });

  afterAll(async () => {
    await gw?.stop();
    await redis?.stop();
  });

  const readiness = async (): Promise<{ status: number; body: unknown }> => {
    const response = await gw.get('/readyz');
    return { status: response.status, body: await response.json() };
  };
  const warnings = (prefix: string) =>
    gw
      .logs()
      .filter((l) => l.level === 40 || l.level === 'warn')
      .filter((l) => String(l.msg).startsWith(prefix));

  test('e) Redis stopped mid-run: queries keep answering, /readyz degraded, then recovers after restart', async () => {
    // Warm: one miss then one hit through Redis.
    expect((await gw.query(QUERY, { first: 1 })).body.extensions?.upstream).toMatchObject({ requests: 1 });
    expect((await gw.query(QUERY, { first: 1 })).body.extensions?.upstream).toMatchObject({ cacheHits: 1 });
    expect(await readiness()).toEqual({ status: 200, body: { status: 'ok', cache: 'ok' } });
    gw.clearLogs();

    await redis.kill();
    const during: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      // Distinct and repeated queries: all from SailPoint now, none waits on the dead Redis.
      const result = await gw.query(QUERY, { first: 2 + (i % 4) });
      during.push(Date.now() - started);
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.extensions?.upstream).toMatchObject({ requests: 1, cacheHits: 0 });
    }
    expect(Math.max(...during)).toBeLessThan(COMMAND_TIMEOUT_MS * 0.75);
    expect(await readiness()).toEqual({ status: 503, body: { status: 'degraded', cache: 'degraded' } });
    // Logged once per state change, not per request.
    expect(warnings('cache redis unavailable')).toHaveLength(1);
    expect(warnings('redis unavailable: upstream pacing')).toHaveLength(1);
    // The live pollers' own connection says what it falls back to, in a line of its own.
    expect(warnings('live redis unavailable')).toHaveLength(1);

    await redis.restart();
    await waitFor(async () => (await readiness()).status === 200, 10_000);
    expect(await readiness()).toEqual({ status: 200, body: { status: 'ok', cache: 'ok' } });
    expect(gw.logs().some((l) => l.msg === 'cache redis is back')).toBe(true);

    // The shared cache works again (the restarted Redis is empty: one miss, then a hit).
    gw.tenant.clearRequests();
    expect((await gw.query(QUERY, { first: 7 })).body.extensions?.upstream).toMatchObject({ requests: 1 });
    expect((await gw.query(QUERY, { first: 7 })).body.extensions?.upstream).toMatchObject({
      requests: 0,
      cacheHits: 1,
    });
    expect(dataRequests(gw.tenant)).toHaveLength(1);
  }, 20_000);

  test('a hung Redis (accepts, never answers) is abandoned after the command timeout; /readyz degraded', async () => {
    gw.clearLogs();
    redis.pause();
    try {
      const started = Date.now();
      const result = await gw.query(QUERY, { first: 11 });
      const elapsed = Date.now() - started;
      expect(result.body.errors).toBeUndefined();
      expect(result.body.extensions?.upstream).toMatchObject({ requests: 1 });
      // The cache read waits out the timeout; the pacing script is skipped once Redis is marked down.
      expect(elapsed).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 100);
      expect(elapsed).toBeLessThan(COMMAND_TIMEOUT_MS * 2 - 100);
      expect((await gw.get('/readyz')).status).toBe(503);

      // While marked down, later queries do not pay the timeout again.
      const quick = Date.now();
      const again = await gw.query(QUERY, { first: 12 });
      expect(again.body.errors).toBeUndefined();
      expect(Date.now() - quick).toBeLessThan(COMMAND_TIMEOUT_MS - 100);
      expect(warnings('cache redis unavailable')).toHaveLength(1);
    } finally {
      redis.resume();
    }
    // A probe (at most one per second) finds it answering again.
    await waitFor(async () => {
      await gw.query(QUERY, { first: 13 });
      return (await gw.get('/readyz')).status === 200;
    }, 5000);
  }, 15_000);
});
