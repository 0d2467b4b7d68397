// How the pipeline sends requests: coalescing of identical calls, retries of 5xx, network errors and 429
// within the deadline, one service-token refresh on 401, and pacing.
import { GatewayError } from '../../../src/core/errors.js';
import { resolveCallerAuth, ServiceTokenSource } from '../../../src/upstream/auth.js';
import type { AttemptResult } from '../../../src/upstream/http.js';
import { ok, pipelineHarness as harness, status } from './fakes.js';

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
