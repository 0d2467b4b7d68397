// Fewest upstream calls, measured where it counts: the demo tenant's request log. A real pass-through gateway
// over HTTP (each caller a tenant client with its own identity, so `me` differs per caller) with the shared
// cache in a real redis-server: batching, caching per caller, coalescing, no-cache and extensions.upstream.
import type { QueryResult } from '../../helpers/gateway.js';
import { REDIS_SKIP_REASON } from '../../helpers/redis.js';
import {
  available,
  dataRequests,
  describeRedis,
  gw,
  identitiesWithActivities,
  MY_ACTIVITIES,
  newCaller,
  useRedisGateway,
  type ActivitiesData,
} from './support.js';

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

function expectUpstreamExtension(result: QueryResult<unknown>): void {
  expect(result.body.extensions?.upstream).toEqual({
    requests: expect.any(Number),
    cacheHits: expect.any(Number),
    coalesced: expect.any(Number),
    durationMs: expect.any(Number),
  });
}

describeRedis(available ? 'efficiency with redis-server' : `efficiency: ${REDIS_SKIP_REASON}`, () => {
  useRedisGateway();

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
