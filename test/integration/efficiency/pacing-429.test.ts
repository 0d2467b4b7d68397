// Pacing and SailPoint's 429s through a pass-through gateway with redis-server: fail fast with retryAfter when
// the wait passes the deadline, retry when it fits, and a no-cache read that restarts the entry's TTL.
import {
  dataRequests,
  describeRedis,
  gw,
  newCaller,
  passThroughGateway,
  redis,
  sleep,
  useRedisGateway,
} from './support.js';

describeRedis('pacing and 429s through the gateway (redis)', () => {
  useRedisGateway({ UPSTREAM_RATE_LIMIT: '2/10s', REQUEST_TIMEOUT_MS: '3000' });

  const execution = (index: number): string => gw.tenant.data.retainedExecutions[index]!.id;
  const EXECUTION = 'query ($id: ID!) { workflowExecution(id: $id) { id status } }';

  test('a pacing wait beyond the deadline fails fast with RATE_LIMITED and retryAfter', async () => {
    const caller = newCaller(gw);
    for (const index of [0, 1]) {
      const ok = await gw.query(EXECUTION, { id: execution(index) }, caller.headers);
      expect(ok.body.errors).toBeUndefined();
    }
    const started = Date.now();
    const limited = await gw.query(EXECUTION, { id: execution(2) }, caller.headers);
    // Queueing for the budget would take most of the 10 s window.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
    });
    const retryAfter = limited.body.errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThanOrEqual(9);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(limited.body.extensions?.upstream).toMatchObject({ requests: 0 });
    expect(dataRequests(gw.tenant, caller.clientId)).toHaveLength(2);

    // Cached answers cost no budget, so they still work.
    const cached = await gw.query(EXECUTION, { id: execution(0) }, caller.headers);
    expect(cached.body.errors).toBeUndefined();
    // Another caller has a budget of its own.
    const other = await gw.query(EXECUTION, { id: execution(2) }, newCaller(gw).headers);
    expect(other.body.errors).toBeUndefined();
  });

  test('a 429 is retried after Retry-After when that fits the deadline', async () => {
    const caller = newCaller(gw);
    gw.tenant.addFault({
      path: /workflow-executions/,
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    const started = Date.now();
    const result = await gw.query(EXECUTION, { id: execution(3) }, caller.headers);
    expect(result.body.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.body.extensions?.upstream).toMatchObject({ requests: 2 });
  });

  test('a 429 whose Retry-After passes the deadline fails at once with RATE_LIMITED and retryAfter', async () => {
    const caller = newCaller(gw);
    gw.tenant.addFault({
      path: /workflow-executions/,
      status: 429,
      headers: { 'Retry-After': '30' },
      times: 1,
    });
    const started = Date.now();
    const result = await gw.query(EXECUTION, { id: execution(4) }, caller.headers);
    // Waiting would take the 30 s Retry-After (or the whole request deadline).
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 30 });
    expect(result.body.extensions?.upstream).toMatchObject({ requests: 1 });
  });

  test('Cache-Control: no-cache refreshes the entry it bypasses (TTL restarts)', async () => {
    // Own gateway: a 4 s TTL to watch the refresh happen, with a second or more of slack on either side.
    const short = await passThroughGateway({ CACHE_URL: redis.url, CACHE_TTL_SECONDS: '4' });
    try {
      const caller = newCaller(short);
      const query = 'query { triggerInvocationStatuses(first: 2) { nodes { id } } }';
      await short.query(query, undefined, caller.headers); // t=0: cached until ~4 s
      await sleep(2500);
      await short.query(query, undefined, { ...caller.headers, 'cache-control': 'no-cache' }); // until ~6.5 s
      await sleep(2500);
      // t=5 s: the first entry would have expired; the refreshed one answers.
      const cached = await short.query(query, undefined, caller.headers);
      expect(cached.body.extensions?.upstream).toMatchObject({ requests: 0, cacheHits: 1 });
      expect(dataRequests(short.tenant)).toHaveLength(2);
    } finally {
      await short.stop();
    }
  });
});
