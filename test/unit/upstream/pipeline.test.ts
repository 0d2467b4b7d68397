import { Coalescer } from '../../../src/cache/coalesce.js';
import { FairPacer } from '../../../src/cache/fair.js';
import { createMemoryLimiter } from '../../../src/cache/pacer.js';
import { createMemoryStore } from '../../../src/cache/store.js';
import { GatewayError } from '../../../src/core/errors.js';
import { resolveCallerAuth, ServiceTokenSource, type CallerAuth } from '../../../src/upstream/auth.js';
import { decodeEntry, encodeEntry } from '../../../src/upstream/cache-entry.js';
import { SailPointClient } from '../../../src/upstream/client.js';
import type { AttemptRequest, AttemptResult, Transport } from '../../../src/upstream/http.js';
import { createExecutor, type PipelineDeps } from '../../../src/upstream/pipeline.js';
import type { CallContext } from '../../../src/upstream/types.js';
import { callContext, memoryLogger, recordingMetrics, virtualClock, type VirtualClock } from './fakes.js';

/**
 * The pipeline (cache -> coalesce -> pace -> HTTP with retries -> cache write) over a scripted transport and a
 * virtual clock: no sockets, no real waiting.
 */

const ok = (body: unknown, headers: Record<string, string> = {}): AttemptResult => ({
  kind: 'response',
  status: 200,
  headers,
  body: JSON.stringify(body),
});
const status = (code: number, body: unknown = {}, headers: Record<string, string> = {}): AttemptResult => ({
  kind: 'response',
  status: code,
  headers,
  body: JSON.stringify(body),
});

function harness(
  script: (request: AttemptRequest, index: number) => AttemptResult | Promise<AttemptResult>,
  options: { maxRetries?: number; rate?: { limit: number; windowMs: number }; clock?: VirtualClock } = {},
) {
  const clock = options.clock ?? virtualClock();
  const rate = options.rate ?? { limit: 100, windowMs: 10_000 };
  const sent: AttemptRequest[] = [];
  const transport: Transport = async (request) => {
    sent.push(request);
    return script(request, sent.length - 1);
  };
  const metrics = recordingMetrics();
  const deps: PipelineDeps = {
    config: {
      baseUrl: 'https://tenant.example',
      timeoutMs: 1000,
      maxRetries: options.maxRetries ?? 2,
      cache: { ttlSeconds: 10, workflowTtlSeconds: 60 },
    },
    store: createMemoryStore(),
    coalescer: new Coalescer(),
    pacer: new FairPacer(createMemoryLimiter(rate, clock.now), clock, {
      limit: rate.limit,
      callerConcurrency: Number.POSITIVE_INFINITY,
      callerSharePercent: 100,
    }),
    transport,
    metrics,
    clock,
  };
  const bearer = (token: string): CallerAuth => {
    const auth = resolveCallerAuth(
      { mode: 'pass-through' },
      { kind: 'bearer', token },
      `hash-${token}`,
      undefined,
    );
    if (auth instanceof GatewayError) throw auth;
    return auth;
  };
  const client = (call: CallContext, token = 'token-a', auth: CallerAuth = bearer(token)) =>
    new SailPointClient(createExecutor(deps, call, auth, `hash-${token}`), 'v1');
  const call = (overrides: Partial<CallContext> = {}) =>
    callContext({ deadline: clock.now() + 10_000, ...overrides });
  return { clock, sent, metrics, deps, client, call };
}

describe('pipeline: caching', () => {
  test('a second identical call is a cache hit; stats and metrics say so', async () => {
    const h = harness(() => ok([{ id: 'w1' }]));
    const first = h.call();
    const second = h.call();
    expect(await h.client(first).listWorkflows()).toEqual([{ id: 'w1' }]);
    expect(await h.client(second).listWorkflows()).toEqual([{ id: 'w1' }]);
    expect(h.sent).toHaveLength(1);
    expect(first.stats).toMatchObject({ requests: 1, cacheHits: 0, coalesced: 0 });
    expect(second.stats).toMatchObject({ requests: 0, cacheHits: 1, coalesced: 0 });
    expect(h.metrics.caches).toEqual(['miss', 'hit']);
    expect(h.metrics.requests).toEqual([{ endpoint: 'GET /workflows/v1', status: 200 }]);
  });

  test('a mutated result does not change the cached copy', async () => {
    const h = harness(() => ok([{ id: 'w1', name: 'original' }]));
    const list = await h.client(h.call()).listWorkflows();
    (list[0] as { name: string }).name = 'mutated';
    expect((await h.client(h.call()).listWorkflows())[0]?.name).toBe('original');
  });

  test('callers with different credentials never share entries', async () => {
    const h = harness((request) => ok([{ id: request.authorization }]));
    const a = await h.client(h.call(), 'token-a').listWorkflows();
    const b = await h.client(h.call(), 'token-b').listWorkflows();
    expect(a).toEqual([{ id: 'Bearer token-a' }]);
    expect(b).toEqual([{ id: 'Bearer token-b' }]);
    expect(h.sent).toHaveLength(2);
  });

  test('noCache skips the read but refreshes the entry', async () => {
    let version = 0;
    const h = harness(() => ok([{ id: `v${++version}` }]));
    await h.client(h.call()).listWorkflows();
    const fresh = h.call({ noCache: true });
    expect(await h.client(fresh).listWorkflows()).toEqual([{ id: 'v2' }]);
    expect(fresh.stats.cacheHits).toBe(0);
    expect(await h.client(h.call()).listWorkflows()).toEqual([{ id: 'v2' }]);
    expect(h.sent).toHaveLength(2);
  });

  test('TTL: workflow definitions get workflowTtlSeconds, everything else ttlSeconds', async () => {
    const h = harness(() => ok([]));
    const writes: [string, number][] = [];
    const store = h.deps.store;
    h.deps.store = {
      ...store,
      set: async (key, value, ttlMs) => (writes.push([key, ttlMs]), store.set(key, value, ttlMs)),
    };
    await h.client(h.call()).listWorkflows();
    await h.client(h.call()).listWorkflowExecutions('w1', { offset: 0, limit: 10 });
    expect(writes.map(([, ttl]) => ttl)).toEqual([60_000, 10_000]);
    h.deps.transport = async () => status(404);
    await h.client(h.call()).getWorkflow('new-workflow');
    expect(writes.at(-1)?.[1]).toBe(10_000);
    expect(writes.every(([key]) => key.startsWith('sgw:cache:'))).toBe(true);
  });

  test('404 of a by-id lookup is null and is cached; errors are not cached', async () => {
    const h = harness((_request, index) =>
      index === 0 ? status(404) : status(400, { messages: [{ text: 'bad' }] }),
    );
    expect(await h.client(h.call()).getWorkflow('missing')).toBeNull();
    expect(await h.client(h.call()).getWorkflow('missing')).toBeNull();
    expect(h.sent).toHaveLength(1);
    const query = { offset: 0, limit: 10, filters: 'x' };
    await expect(h.client(h.call()).listTriggerInvocationStatuses(query)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(h.client(h.call()).listTriggerInvocationStatuses(query)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(h.sent).toHaveLength(3);
  });
});

describe('pipeline: cache entries', () => {
  test('the response text is stored as received, with totalCount; hits parse it', async () => {
    const text = '[ {"id":"t1"} ]';
    const h = harness(() => ({
      kind: 'response',
      status: 200,
      headers: { 'x-total-count': '7' },
      body: text,
    }));
    const stored: string[] = [];
    const store = h.deps.store;
    h.deps.store = {
      ...store,
      set: (key, value, ttlMs) => (stored.push(value), store.set(key, value, ttlMs)),
    };
    const query = { offset: 0, limit: 1 };
    expect(await h.client(h.call()).listTriggerInvocationStatuses(query)).toEqual({
      items: [{ id: 't1' }],
      totalCount: 7,
    });
    expect(stored).toEqual([`v2\nF7\n${text}`]);
    expect(await h.client(h.call()).listTriggerInvocationStatuses(query)).toEqual({
      items: [{ id: 't1' }],
      totalCount: 7,
    });
    expect(h.sent).toHaveLength(1);
  });

  test('encode/decode round trip; anything else is a miss', () => {
    expect(decodeEntry(encodeEntry({ found: true, body: [1], text: '[1]' }))).toEqual({
      found: true,
      body: [1],
    });
    expect(decodeEntry(encodeEntry({ found: true, body: {}, text: '{}', totalCount: 0 }))).toEqual({
      found: true,
      body: {},
      totalCount: 0,
    });
    expect(decodeEntry(encodeEntry({ found: false }))).toEqual({ found: false });
    for (const entry of ['', 'v2', 'v2\nF', 'v2\nFx\n[]', 'v2\nF1\n{', 'v2\nX\n', '{"value":{"v":1}}'])
      expect(decodeEntry(entry)).toBeUndefined();
  });

  test('the response does not wait for the cache write, and a write failure is only logged', async () => {
    const h = harness(() => ok([{ id: 'w1' }]));
    let finish: () => void = () => undefined;
    const store = h.deps.store;
    h.deps.store = {
      ...store,
      set: (key, value, ttlMs) => {
        void store.set(key, value, ttlMs);
        return new Promise<void>((resolve) => (finish = resolve));
      },
    };
    // Resolves although the write never completes; the entry was written before the response.
    expect(await h.client(h.call()).listWorkflows()).toEqual([{ id: 'w1' }]);
    finish();
    const hit = h.call();
    await h.client(hit).listWorkflows();
    expect(hit.stats.cacheHits).toBe(1);

    h.deps.store = { ...store, get: async () => undefined, set: () => Promise.reject(new Error('bug')) };
    const log = memoryLogger();
    expect(await h.client(h.call({ logger: log.logger })).listWorkflows()).toEqual([{ id: 'w1' }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      log
        .records()
        .filter((r) => r.level === 'warn')
        .map((r) => r.msg),
    ).toEqual(['cache write failed']);
  });
});

describe('pipeline: coalescing', () => {
  test('concurrent identical calls of one caller share one request', async () => {
    let release: (result: AttemptResult) => void = () => undefined;
    const h = harness(() => new Promise<AttemptResult>((resolve) => (release = resolve)));
    const calls = [h.call(), h.call(), h.call()];
    const results = calls.map((call) => h.client(call).getAccountActivity('a1'));
    await new Promise((resolve) => setImmediate(resolve));
    release(ok({ id: 'a1' }));
    expect(await Promise.all(results)).toEqual([{ id: 'a1' }, { id: 'a1' }, { id: 'a1' }]);
    expect(h.sent).toHaveLength(1);
    expect(calls.map((c) => [c.stats.requests, c.stats.coalesced])).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(h.metrics.coalescedCount).toBe(2);
  });

  test('different callers are not coalesced', async () => {
    const h = harness(async () => ok({ id: 'a1' }));
    await Promise.all([
      h.client(h.call(), 'token-a').getAccountActivity('a1'),
      h.client(h.call(), 'token-b').getAccountActivity('a1'),
    ]);
    expect(h.sent).toHaveLength(2);
  });
});

describe('pipeline: retries', () => {
  test('5xx then success: every attempt counted and reported', async () => {
    const h = harness((_r, index) => (index < 2 ? status(503) : ok([])));
    const call = h.call();
    await h.client(call).listTriggerInvocationStatuses({ offset: 0, limit: 10 });
    expect(call.stats.requests).toBe(3);
    expect(h.metrics.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(h.metrics.retries).toEqual(['server_error', 'server_error']);
    expect(h.clock.sleeps).toEqual([75, 150]);
  });

  test('persistent 5xx: UPSTREAM_ERROR after maxRetries + 1 attempts', async () => {
    const h = harness(() => status(500, { trackingId: 'track123', messages: [{ text: 'Internal Fault' }] }));
    const call = h.call();
    const error = await h
      .client(call)
      .listWorkflows()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      code: 'UPSTREAM_ERROR',
      extensions: { trackingId: 'track123', upstreamStatus: 500 },
    });
    expect(call.stats.requests).toBe(3);
  });

  test('network errors are retried; timeouts are not', async () => {
    const network = harness((_r, index) => (index === 0 ? { kind: 'network', code: 'ECONNRESET' } : ok([])));
    await network.client(network.call()).listWorkflows();
    expect(network.metrics.requests.map((r) => r.status)).toEqual(['error', 200]);

    const timeout = harness(() => ({ kind: 'timeout' }));
    const call = timeout.call();
    await expect(timeout.client(call).listWorkflows()).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(call.stats.requests).toBe(1);
    expect(timeout.metrics.requests).toEqual([{ endpoint: 'GET /workflows/v1', status: 'timeout' }]);
  });

  test('429 is retried after Retry-After when it fits the deadline', async () => {
    const h = harness((_r, index) =>
      index === 0 ? status(429, { message: 'Rate Limit Exceeded' }, { 'retry-after': '2' }) : ok([]),
    );
    const call = h.call();
    await h.client(call).listWorkflows();
    expect(h.clock.sleeps).toEqual([2000]);
    expect(call.stats.requests).toBe(2);
    expect(h.metrics.rateLimitedCount).toBe(1);
    expect(h.metrics.retries).toEqual(['rate_limited']);
  });

  test('429 whose Retry-After passes the deadline fails at once with retryAfter', async () => {
    const h = harness(() => status(429, { message: 'Rate Limit Exceeded' }, { 'retry-after': '30' }));
    const call = h.call();
    const error = await h
      .client(call)
      .listWorkflows()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      extensions: { retryAfter: 30, upstreamStatus: 429 },
    });
    expect(h.clock.sleeps).toEqual([]);
    expect(call.stats.requests).toBe(1);
  });

  test('no attempt starts after the deadline', async () => {
    const h = harness(() => ok([]));
    const call = h.call({ deadline: h.clock.now() });
    await expect(h.client(call).listWorkflows()).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(h.sent).toHaveLength(0);
  });

  test('each attempt gets at most the time left before the deadline', async () => {
    const h = harness(() => ok([]));
    await h.client(h.call({ deadline: h.clock.now() + 300 })).listWorkflows();
    expect(h.sent[0]?.timeoutMs).toBe(300);
  });
});

describe('pipeline: service token refresh', () => {
  test('a 401 refreshes the service token once and retries once', async () => {
    let fetches = 0;
    const tokens = new ServiceTokenSource(async () => ({
      accessToken: `svc-token-${++fetches}`,
      expiresInSeconds: 600,
    }));
    const auth = resolveCallerAuth(
      { mode: 'service', clientId: 'c', clientSecret: 'client-secret-0001' },
      { kind: 'service', apiKey: 'k' },
      'hash-k',
      tokens,
    );
    if (auth instanceof GatewayError) throw auth;
    const h = harness((request) =>
      request.authorization === 'Bearer svc-token-1' ? status(401, { error: 'JWT is expired' }) : ok([]),
    );
    const call = h.call();
    await h.client(call, 'k', auth).listWorkflows();
    expect(h.sent.map((r) => r.authorization)).toEqual(['Bearer svc-token-1', 'Bearer svc-token-2']);
    expect(call.stats.requests).toBe(2);

    const always401 = harness(() => status(401, { error: 'JWT is expired' }));
    const again = always401.call();
    await expect(always401.client(again, 'k', auth).listWorkflows()).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(again.stats.requests).toBe(2);
  });

  test('a caller token is never refreshed: 401 is UNAUTHENTICATED at once', async () => {
    const h = harness(() => status(401, { error: 'JWT validation failed' }));
    const call = h.call();
    await expect(h.client(call).listWorkflows()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(call.stats.requests).toBe(1);
  });
});

describe('pipeline: pacing', () => {
  test('waits for a slot within the deadline, fails fast beyond it', async () => {
    const h = harness(() => ok([]), { rate: { limit: 2, windowMs: 1000 } });
    const query = (offset: number) => ({ offset, limit: 1 });
    const c = h.client(h.call());
    await c.listTriggerInvocationStatuses(query(0));
    await c.listTriggerInvocationStatuses(query(1));
    await c.listTriggerInvocationStatuses(query(2));
    expect(h.clock.sleeps).toEqual([1000]);
    await c.listTriggerInvocationStatuses(query(3));
    expect(h.clock.sleeps).toEqual([1000]);

    const hurried = h.call({ deadline: h.clock.now() + 500 });
    const error = await h
      .client(hurried)
      .listTriggerInvocationStatuses(query(4))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfter: 1 } });
    expect(hurried.stats.requests).toBe(0);
    expect(h.metrics.rateLimitedCount).toBe(1);
  });
});

describe('client: response shapes', () => {
  test('quirk Q1: execution body may be an object or an array', async () => {
    const asObject = harness(() => ok({ id: 'e1', status: 'Completed' }));
    expect(await asObject.client(asObject.call()).getWorkflowExecution('e1')).toEqual({
      id: 'e1',
      status: 'Completed',
    });
    const asArray = harness(() => ok([{ id: 'e1', status: 'Executing' }]));
    expect(await asArray.client(asArray.call()).getWorkflowExecution('e1')).toEqual({
      id: 'e1',
      status: 'Executing',
    });
    const empty = harness(() => ok([]));
    expect(await empty.client(empty.call()).getWorkflowExecution('e1')).toBeNull();
  });

  test('X-Total-Count becomes totalCount', async () => {
    const h = harness(() => ok([{ id: 'a' }], { 'x-total-count': '1234' }));
    expect(await h.client(h.call()).listAccountActivities({ offset: 0, limit: 1, count: true })).toEqual({
      items: [{ id: 'a' }],
      totalCount: 1234,
    });
  });

  test('a body of the wrong shape or not JSON is UPSTREAM_ERROR', async () => {
    const notList = harness(() => ok({ id: 'x' }));
    await expect(notList.client(notList.call()).listWorkflows()).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    const html = harness(() => ({ kind: 'response', status: 200, headers: {}, body: '<html></html>' }));
    await expect(html.client(html.call()).getWorkflow('w')).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  test('404 on a list endpoint is NOT_FOUND, not an empty page', async () => {
    const h = harness(() => status(404, { messages: [{ text: 'Workflow not found' }] }));
    await expect(
      h.client(h.call()).listWorkflowExecutions('nope', { offset: 0, limit: 1 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Not found in SailPoint: Workflow not found',
    });
  });

  test('a bad id fails without a request', async () => {
    const h = harness(() => ok({}));
    await expect(h.client(h.call()).getWorkflow('..')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(h.sent).toHaveLength(0);
  });
});
