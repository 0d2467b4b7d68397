import type { TestGateway } from '../../helpers/gateway.js';
import { codes, ok, requestsOf, run, startGateway } from './support.js';

/**
 * Upstream failures as the caller sees them (DESIGN.md section 7): one code per failure class, SailPoint's
 * trackingId passed on, the field that needed the call failing alone (partial data), no secret in any message.
 */

const ACTIVITIES = /^\/account-activities\/v1$/;
const ACTIVITY_QUERY = '{ accountActivities(first: 2) { nodes { id } } }';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ env: { UPSTREAM_TIMEOUT_MS: '200', UPSTREAM_MAX_RETRIES: '1' } });
});
afterAll(async () => {
  await gw.stop();
});
let own: TestGateway | undefined;
afterEach(async () => {
  gw.tenant.clearFaults();
  await own?.stop();
  own = undefined;
});

function sailpointError(status: number, text: string, trackingId: string): Record<string, unknown> {
  return {
    detailCode: `${status}`,
    trackingId,
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    causes: [],
  };
}

describe('upstream status -> extensions.code', () => {
  it('400 -> BAD_USER_INPUT with SailPoint reason and trackingId, not retried', async () => {
    gw.tenant.addFault({
      path: ACTIVITIES,
      status: 400,
      body: sailpointError(400, "Invalid filters: unknown field 'x'", 'c0ffee00c0ffee00c0ffee00c0ffee00'),
      times: 1,
    });
    const result = await run(gw, ACTIVITY_QUERY);
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ accountActivities: null });
    expect(result.errors).toEqual([
      {
        message: "SailPoint rejected the request: Invalid filters: unknown field 'x'",
        locations: [{ line: 1, column: 3 }],
        path: ['accountActivities'],
        extensions: {
          code: 'BAD_USER_INPUT',
          upstreamStatus: 400,
          trackingId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
        },
      },
    ]);
    expect(result.upstream.map((r) => r.status)).toEqual([400]);
  });

  it('401 -> UNAUTHENTICATED after one token refresh, without a trackingId (SailPoint sends none)', async () => {
    gw.tenant.addFault({ path: ACTIVITIES, status: 401, times: 2 });
    const result = await run(gw, ACTIVITY_QUERY);
    expect(codes(result.errors)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors[0]?.extensions).not.toHaveProperty('trackingId');
    expect(result.upstream.map((r) => r.status)).toEqual([401, 401]);
    expect(gw.tenant.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  it('403 -> FORBIDDEN with the trackingId SailPoint generated', async () => {
    gw.tenant.addFault({ path: ACTIVITIES, status: 403, times: 1 });
    const result = await run(gw, ACTIVITY_QUERY);
    expect(codes(result.errors)).toEqual(['FORBIDDEN']);
    expect(result.errors[0]?.extensions?.trackingId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.upstream).toHaveLength(1);
  });

  it('404 on a by-id lookup -> null without an error; 404 on a list -> NOT_FOUND on that field', async () => {
    const activity = gw.tenant.data.accountActivities[0]?.id as string;
    const wf = gw.tenant.data.workflows[0]?.id as string;
    gw.tenant.addFault({ path: `/account-activities/v1/${activity}`, status: 404, times: 1 });
    gw.tenant.addFault({ path: `/workflows/v1/${wf}/executions`, status: 404, times: 1 });
    const result = await run<{ accountActivity: null; workflow: { id: string; executions: null } }>(
      gw,
      'query($a: ID!, $w: ID!) { accountActivity(id: $a) { id } workflow(id: $w) { id executions { nodes { id } } } }',
      { a: activity, w: wf },
    );
    expect(result.data).toEqual({ accountActivity: null, workflow: { id: wf, executions: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['workflow', 'executions'],
        extensions: expect.objectContaining({ code: 'NOT_FOUND', trackingId: expect.any(String) }),
      }),
    ]);
  });

  it('429 with a Retry-After beyond the deadline -> RATE_LIMITED with retryAfter, without waiting', async () => {
    gw.tenant.addFault({ path: ACTIVITIES, status: 429, headers: { 'Retry-After': '30' }, times: 1 });
    const started = Date.now();
    const result = await run(gw, ACTIVITY_QUERY);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['accountActivities'],
        extensions: { code: 'RATE_LIMITED', retryAfter: 30, upstreamStatus: 429 },
      }),
    ]);
    expect(result.upstream.map((r) => r.status)).toEqual([429]);
  });

  it('429 with a short Retry-After is retried once it has passed', async () => {
    gw.tenant.addFault({ path: ACTIVITIES, status: 429, headers: { 'Retry-After': '1' }, times: 1 });
    const result = await run<{ accountActivities: { nodes: unknown[] } }>(gw, ACTIVITY_QUERY);
    expect(ok(result).accountActivities.nodes).toHaveLength(2);
    expect(result.upstream.map((r) => r.status)).toEqual([429, 200]);
    const [first, second] = result.upstream;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(result.body.extensions?.upstream?.requests).toBe(2);
  });

  it('500 -> UPSTREAM_ERROR after UPSTREAM_MAX_RETRIES retries', async () => {
    gw.tenant.addFault({ path: ACTIVITIES, status: 500 });
    const result = await run(gw, ACTIVITY_QUERY);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'SailPoint failed to answer (HTTP 500) after 2 attempts',
        extensions: {
          code: 'UPSTREAM_ERROR',
          upstreamStatus: 500,
          trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
        },
      }),
    ]);
    expect(result.upstream.map((r) => r.status)).toEqual([500, 500]);
  });

  it('a 500 that clears on the retry is invisible to the caller', async () => {
    gw.tenant.addFault({ path: ACTIVITIES, status: 503, times: 1 });
    const result = await run<{ accountActivities: { nodes: unknown[] } }>(gw, ACTIVITY_QUERY);
    expect(ok(result).accountActivities.nodes).toHaveLength(2);
    expect(result.upstream.map((r) => r.status)).toEqual([503, 200]);
  });

  it('a slow upstream -> UPSTREAM_TIMEOUT after UPSTREAM_TIMEOUT_MS, not retried', async () => {
    own = await startGateway({ env: { UPSTREAM_TIMEOUT_MS: '100', UPSTREAM_MAX_RETRIES: '2' } });
    own.tenant.addFault({ path: ACTIVITIES, delayMs: 20_000 });
    const started = Date.now();
    const result = await run(own, ACTIVITY_QUERY);
    // Waiting for the slow answer would take 20 s.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['accountActivities'], extensions: { code: 'UPSTREAM_TIMEOUT' } }),
    ]);
    expect(result.body.extensions?.upstream?.requests).toBe(1);
  });
});

describe('partial data', () => {
  it('a failing workflow(id) does not take down accountActivities in the same operation', async () => {
    gw.tenant.addFault({ path: '/workflows/v1', status: 500 });
    const wf = gw.tenant.data.workflows[0]?.id as string;
    const result = await run<{ workflow: null; accountActivities: { nodes: { id: string }[] } }>(
      gw,
      'query($id: ID!) { workflow(id: $id) { id name } accountActivities(first: 2) { nodes { id } } }',
      { id: wf },
    );
    expect(result.data).toEqual({
      workflow: null,
      accountActivities: { nodes: gw.tenant.data.accountActivities.slice(0, 2).map((a) => ({ id: a.id })) },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['workflow'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }),
      }),
    ]);
    expect(
      requestsOf(result.upstream)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/account-activities/v1', '/workflows/v1', '/workflows/v1']);
  });

  it("one workflow's failing executions call leaves the other workflows' executions in place", async () => {
    const [a, b, c] = gw.tenant.data.workflows;
    if (!a || !b || !c) throw new Error('need three workflows');
    gw.tenant.addFault({ path: new RegExp(`^/workflows/v1/${b.id}/executions$`), status: 502 });
    const result = await run<{
      workflows: { nodes: { id: string; executions: { nodes: { id: string }[] } | null }[] };
    }>(gw, '{ workflows(first: 3) { nodes { id executions(first: 2) { nodes { id } } } } }');
    const nodes = result.data.workflows.nodes;
    expect(nodes.map((n) => n.id)).toEqual([a.id, b.id, c.id]);
    expect(nodes[0]?.executions?.nodes.map((e) => e.id)).toEqual(
      gw.tenant.data
        .executionsOf(a.id)
        .slice(0, 2)
        .map((e) => e.id),
    );
    expect(nodes[1]?.executions).toBeNull();
    expect(nodes[2]?.executions?.nodes.map((e) => e.id)).toEqual(
      gw.tenant.data
        .executionsOf(c.id)
        .slice(0, 2)
        .map((e) => e.id),
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['workflows', 'nodes', 1, 'executions'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', upstreamStatus: 502 }),
      }),
    ]);
  });

  it('a failing history leaves the execution itself in place', async () => {
    const execution = gw.tenant.data.retainedExecutions[0];
    if (!execution) throw new Error('no execution');
    gw.tenant.addFault({ path: `/workflow-executions/v1/${execution.id}/history`, status: 403 });
    const result = await run<{ workflowExecution: { id: string; history: null } }>(
      gw,
      'query($id: ID!) { workflowExecution(id: $id) { id history { type } } }',
      { id: execution.id },
    );
    expect(result.data).toEqual({ workflowExecution: { id: execution.id, history: null } });
    expect(codes(result.errors)).toEqual(['FORBIDDEN']);
    expect(result.errors[0]?.path).toEqual(['workflowExecution', 'history']);
  });
});

describe('pass-through mode', () => {
  it('without Authorization: UNAUTHENTICATED on the SailPoint fields and no upstream request at all', async () => {
    own = await startGateway({ mode: 'pass-through' });
    own.tenant.clearRequests();
    const result = await own.query<{ workflow: null }>(
      '{ workflow(id: "x") { id } accountActivity(id: "y") { id } }',
      undefined,
      { authorization: null },
    );
    expect(result.body.data).toEqual({ workflow: null, accountActivity: null });
    expect(codes(result.body.errors ?? [])).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(own.tenant.requests).toEqual([]);
  });

  it('serves introspection and _service without a token', async () => {
    own = await startGateway({ mode: 'pass-through' });
    own.tenant.clearRequests();
    const result = await own.query<{ __schema: { queryType: { name: string } }; _service: { sdl: string } }>(
      '{ __schema { queryType { name } } _service { sdl } }',
      undefined,
      { authorization: null },
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.__schema.queryType.name).toBe('Query');
    expect(result.body.data?._service.sdl).toContain('accountActivities');
    expect(own.tenant.requests).toEqual([]);
  });

  it('never puts the caller token into an error message or a log line, even when SailPoint echoes it', async () => {
    own = await startGateway({ mode: 'pass-through' });
    const token = own.tenant.issueToken();
    const authorization = { authorization: `Bearer ${token}` };
    own.tenant.addFault({
      path: ACTIVITIES,
      status: 401,
      body: { error: `token ${token} expired` },
      times: 1,
    });
    own.tenant.addFault({
      path: ACTIVITIES,
      status: 400,
      body: sailpointError(400, `bad request for Bearer ${token}`, 'feed'),
      times: 1,
    });
    const unauthorized = await run(own, ACTIVITY_QUERY, undefined, authorization);
    const badRequest = await run(own, ACTIVITY_QUERY, undefined, authorization);
    expect(codes(unauthorized.errors)).toEqual(['UNAUTHENTICATED']);
    expect(codes(badRequest.errors)).toEqual(['BAD_USER_INPUT']);
    // Pass-through has no token of its own to refresh: the 401 is final after one request.
    expect(unauthorized.upstream).toHaveLength(1);
    for (const body of [unauthorized.body, badRequest.body]) {
      expect(JSON.stringify(body)).not.toContain(token);
    }
    expect(unauthorized.errors[0]?.message).toContain('[redacted]');
    expect(own.logText()).not.toContain(token);
  });
});
