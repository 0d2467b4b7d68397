import { startTestGateway, type QueryResult, type TestGateway } from '../../helpers/gateway.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';
import { dataRequests, identitiesWithActivities, sleep, waitFor } from './support.js';

/**
 * Fewest upstream calls, measured where it counts: the demo tenant's request log. Real gateways over HTTP in
 * pass-through mode (each caller a tenant client with its own identity, so `me` differs per caller), with the
 * shared cache in a real redis-server, and the isolation checks also with the in-memory store.
 */

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;

interface Caller {
  clientId: string;
  identityId: string | undefined;
  headers: { authorization: string };
}

function newCaller(gw: TestGateway, identityId?: string): Caller {
  const { clientId } = gw.tenant.addClient(identityId);
  return { clientId, identityId, headers: { authorization: `Bearer ${gw.tenant.issueToken(clientId)}` } };
}

async function passThroughGateway(env: Record<string, string>): Promise<TestGateway> {
  const gw = await startTestGateway({ mode: 'pass-through', logLevel: 'warn', env });
  if (env.CACHE_URL !== undefined) {
    await waitFor(async () => (await gw.get('/readyz')).status === 200);
  }
  return gw;
}

const EXECUTIONS_WITH_WORKFLOW = `query ($id: ID!) {
  workflow(id: $id) {
    executions(first: 50) { nodes { id workflowId workflow { id name owner { name } } } }
  }
}`;

type ExecutionsData = {
  workflow: {
    executions: {
      nodes: {
        id: string;
        workflowId: string;
        workflow: { id: string; name: string; owner: { name: string } };
      }[];
    };
  };
};

const MY_ACTIVITIES = `query {
  accountActivities(requestedFor: "me", first: 20) { nodes { id target { identityId } } }
}`;

type ActivitiesData = {
  accountActivities: { nodes: { id: string; target: { identityId: string } | null }[] };
};

function expectUpstreamExtension(result: QueryResult<unknown>): void {
  expect(result.body.extensions?.upstream).toEqual({
    requests: expect.any(Number),
    cacheHits: expect.any(Number),
    coalesced: expect.any(Number),
    durationMs: expect.any(Number),
  });
}

describeRedis(available ? 'efficiency with redis-server' : `efficiency: ${REDIS_SKIP_REASON}`, () => {
  let redis: RedisServer;
  let gw: TestGateway;

  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    gw = await passThroughGateway({ CACHE_URL: redis.url });
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

  test('a) 50 executions, each with workflow { name owner { name } }: at most 2 upstream requests', async () => {
    const caller = newCaller(gw);
    const workflowId = gw.tenant.data.busiestWorkflowId;
    const workflow = gw.tenant.data.workflows.find((w) => w.id === workflowId)!;
    const result = await gw.query<ExecutionsData>(
      EXECUTIONS_WITH_WORKFLOW,
      { id: workflowId },
      caller.headers,
    );

    expect(result.body.errors).toBeUndefined();
    const nodes = result.body.data!.workflow.executions.nodes;
    expect(nodes).toHaveLength(50);
    for (const node of nodes) {
      expect(node.workflow).toEqual({
        id: workflowId,
        name: workflow.name,
        owner: { name: workflow.owner.name },
      });
    }
    const upstream = dataRequests(gw.tenant);
    // The workflow list (for `workflow(id)` and all 50 `execution.workflow`) and one executions page.
    expect(upstream.length).toBeLessThanOrEqual(2);
    expect(result.body.extensions?.upstream).toMatchObject({ requests: upstream.length, cacheHits: 0 });
  });

  test('a) aliases and repeated fragments of the same data cost the same 2 requests', async () => {
    const caller = newCaller(gw);
    const result = await gw.query(
      `query ($id: ID!) {
        first: workflow(id: $id) { ...W }
        second: workflow(id: $id) { ...W executions(first: 50) { nodes { workflow { ...W2 } } } }
        all: workflows(first: 100) { nodes { id name } }
      }
      fragment W on Workflow { name executions(first: 50) { nodes { id workflow { ...W2 } } } }
      fragment W2 on Workflow { name owner { name } }`,
      { id: gw.tenant.data.busiestWorkflowId },
      caller.headers,
    );
    expect(result.body.errors).toBeUndefined();
    expect(dataRequests(gw.tenant).length).toBeLessThanOrEqual(2);
    expect(result.body.extensions?.upstream?.requests).toBeLessThanOrEqual(2);
  });

  test('b) the same query again by the same caller: 0 upstream requests; by another caller: fresh ones', async () => {
    const [identityA, identityB] = identitiesWithActivities(gw.tenant, 2);
    const a = newCaller(gw, identityA);
    const b = newCaller(gw, identityB);

    const first = await gw.query<ActivitiesData>(MY_ACTIVITIES, undefined, a.headers);
    expect(first.body.errors).toBeUndefined();
    const afterFirst = dataRequests(gw.tenant).length;
    expect(afterFirst).toBe(1);

    const again = await gw.query<ActivitiesData>(MY_ACTIVITIES, undefined, a.headers);
    expect(dataRequests(gw.tenant)).toHaveLength(afterFirst);
    expect(again.body.extensions?.upstream).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(again.body.data).toEqual(first.body.data);

    const other = await gw.query<ActivitiesData>(MY_ACTIVITIES, undefined, b.headers);
    expect(other.body.extensions?.upstream).toMatchObject({ requests: 1, cacheHits: 0 });
    expect(dataRequests(gw.tenant, b.clientId)).toHaveLength(1);

    const mine = first.body.data!.accountActivities.nodes;
    const theirs = other.body.data!.accountActivities.nodes;
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.every((n) => n.target?.identityId === identityA)).toBe(true);
    expect(theirs.every((n) => n.target?.identityId === identityB)).toBe(true);
    const mineIds = new Set(mine.map((n) => n.id));
    expect(theirs.some((n) => mineIds.has(n.id))).toBe(false);

    // And the workflow query of a): a second caller pays again, the first does not.
    const workflowA = await gw.query(
      EXECUTIONS_WITH_WORKFLOW,
      { id: gw.tenant.data.busiestWorkflowId },
      a.headers,
    );
    const workflowAgain = await gw.query(
      EXECUTIONS_WITH_WORKFLOW,
      { id: gw.tenant.data.busiestWorkflowId },
      a.headers,
    );
    const workflowB = await gw.query(
      EXECUTIONS_WITH_WORKFLOW,
      { id: gw.tenant.data.busiestWorkflowId },
      b.headers,
    );
    expect(workflowA.body.extensions?.upstream?.requests).toBe(2);
    expect(workflowAgain.body.extensions?.upstream).toMatchObject({ requests: 0, cacheHits: 2 });
    expect(workflowB.body.extensions?.upstream).toMatchObject({ requests: 2, cacheHits: 0 });
  });

  test('c) 10 identical queries fired at once: no more upstream requests than one query needs', async () => {
    const caller = newCaller(gw);
    // Slow enough that all ten are in flight together.
    gw.tenant.setLatency(100);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        gw.query<ExecutionsData>(
          EXECUTIONS_WITH_WORKFLOW,
          { id: gw.tenant.data.busiestWorkflowId },
          caller.headers,
        ),
      ),
    );
    for (const result of results) {
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data!.workflow.executions.nodes).toHaveLength(50);
      expectUpstreamExtension(result);
    }
    const upstream = dataRequests(gw.tenant);
    expect(upstream.length).toBeLessThanOrEqual(2);
    const totals = results.reduce(
      (sum, r) => {
        const u = r.body.extensions!.upstream!;
        return { requests: sum.requests + u.requests, shared: sum.shared + u.coalesced + u.cacheHits };
      },
      { requests: 0, shared: 0 },
    );
    // Every call of the other nine was answered by a coalesced call or the cache.
    expect(totals.requests).toBe(upstream.length);
    expect(totals.shared).toBe(9 * upstream.length);
  });

  test('Cache-Control: no-cache skips the cache read but refreshes the entry', async () => {
    const caller = newCaller(gw);
    const query = 'query { triggerInvocationStatuses(first: 3) { nodes { id } } }';
    await gw.query(query, undefined, caller.headers);
    const fresh = await gw.query(query, undefined, { ...caller.headers, 'cache-control': 'no-cache' });
    expect(fresh.body.extensions?.upstream).toMatchObject({ requests: 1, cacheHits: 0 });
    const cached = await gw.query(query, undefined, caller.headers);
    expect(cached.body.extensions?.upstream).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(dataRequests(gw.tenant)).toHaveLength(2);
  });

  test('extensions.upstream is on every response: data, cached, partial, failed and invalid operations', async () => {
    const caller = newCaller(gw);
    const responses = [
      await gw.query('query { workflows(first: 1) { nodes { id } } }', undefined, caller.headers),
      await gw.query('query { workflows(first: 1) { nodes { id } } }', undefined, caller.headers),
      await gw.query('query { workflowExecution(id: "does-not-exist") { id } }', undefined, caller.headers),
      await gw.query('query { workflows(first: -1) { nodes { id } } }', undefined, caller.headers),
      await gw.query('query { workflows { nodes { nope } } }', undefined, caller.headers),
      await gw.query('query { workflows(first: 1) { nodes { id } } }', undefined, { authorization: null }),
    ];
    for (const response of responses) expectUpstreamExtension(response);
  });
});

/** One caller's answers must only ever be its own, under concurrent mixed-caller load, with either store. */
describe.each([
  ['memory', false],
  ['redis', true],
] as const)('isolation under concurrent mixed-caller load (%s store)', (_name, withRedis) => {
  const run = withRedis && !available ? test.skip : test;
  let redis: RedisServer | null = null;
  let gw: TestGateway;

  beforeAll(async () => {
    if (withRedis && !available) return;
    redis = withRedis ? await startRedis() : null;
    gw = await passThroughGateway(redis ? { CACHE_URL: redis.url } : {});
  });

  afterAll(async () => {
    await gw?.stop();
    await redis?.stop();
  });

  run('4 callers x 3 rounds of interleaved identical queries never see each other’s data', async () => {
    const identities = identitiesWithActivities(gw.tenant, 4);
    const callers = identities.map((id) => newCaller(gw, id));
    gw.tenant.setLatency(30);
    const rounds = 3;
    const jobs: Promise<{ caller: Caller; result: QueryResult<ActivitiesData> }>[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let copy = 0; copy < 3; copy++) {
        for (const caller of callers) {
          const headers =
            copy === 2 && round === 1 ? { ...caller.headers, 'cache-control': 'no-cache' } : caller.headers;
          jobs.push(
            gw
              .query<ActivitiesData>(MY_ACTIVITIES, undefined, headers)
              .then((result) => ({ caller, result })),
          );
        }
      }
      await sleep(40);
    }
    const answers = await Promise.all(jobs);
    expect(answers).toHaveLength(rounds * 3 * callers.length);
    const seen = new Map<string, string>();
    for (const { caller, result } of answers) {
      expect(result.body.errors).toBeUndefined();
      const nodes = result.body.data!.accountActivities.nodes;
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        expect(node.target?.identityId).toBe(caller.identityId);
        // No activity id ever shows up for two callers.
        expect(seen.get(node.id) ?? caller.clientId).toBe(caller.clientId);
        seen.set(node.id, caller.clientId);
      }
    }
    // Each caller paid for its own data at least once and far less than once per query.
    for (const caller of callers) {
      const count = dataRequests(gw.tenant, caller.clientId).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(rounds + 1);
    }
  });
});

describeRedis('pacing and 429s through the gateway (redis)', () => {
  let redis: RedisServer;
  let gw: TestGateway;

  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    gw = await passThroughGateway({
      CACHE_URL: redis.url,
      UPSTREAM_RATE_LIMIT: '2/10s',
      REQUEST_TIMEOUT_MS: '3000',
    });
  });

  afterAll(async () => {
    await gw?.stop();
    await redis?.stop();
  });

  beforeEach(() => {
    gw.tenant.clearRequests();
    gw.tenant.clearFaults();
  });

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
