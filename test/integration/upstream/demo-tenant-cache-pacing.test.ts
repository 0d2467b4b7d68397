// The real upstream layer's cache, coalescing and pacing against the demo tenant, checked against its request
// log: per-caller entries, noCache, shared in-flight requests, budgets per window and per credential.
import { startDemoTenant } from '../../../src/demo-tenant/index.js';
import { createUpstream } from '../../../src/upstream/index.js';
import { callContext, recordingMetrics, silentLogger } from '../../unit/upstream/fakes.js';
import {
  build,
  issueToken,
  neverMoreThan,
  tenant,
  upstreamConfig,
  upstreams,
  useDemoTenant,
} from './setup.js';

useDemoTenant();

describe('cache and coalescing', () => {
  test('identical calls: cached for the same caller, separate for another caller', async () => {
    const { upstream, metrics } = build();
    const tokenA = issueToken();
    const tokenB = tenant.issueToken(tenant.addClient().clientId);
    const a1 = callContext();
    const a2 = callContext();
    const b1 = callContext();
    await upstream.forCaller({ kind: 'bearer', token: tokenA }, a1).listWorkflows();
    await upstream.forCaller({ kind: 'bearer', token: tokenA }, a2).listWorkflows();
    await upstream.forCaller({ kind: 'bearer', token: tokenB }, b1).listWorkflows();
    expect(tenant.requests).toHaveLength(2);
    expect([a1.stats, a2.stats, b1.stats].map((s) => [s.requests, s.cacheHits])).toEqual([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(metrics.caches).toEqual(['miss', 'hit', 'miss']);
  });

  test('noCache reads fresh but refreshes the entry', async () => {
    const { upstream } = build();
    const token = issueToken();
    const query = { offset: 0, limit: 1 };
    await upstream.forCaller({ kind: 'bearer', token }, callContext()).listTriggerInvocationStatuses(query);
    const fresh = callContext({ noCache: true });
    await upstream.forCaller({ kind: 'bearer', token }, fresh).listTriggerInvocationStatuses(query);
    const after = callContext();
    await upstream.forCaller({ kind: 'bearer', token }, after).listTriggerInvocationStatuses(query);
    expect(tenant.requests).toHaveLength(2);
    expect([fresh.stats.requests, after.stats.cacheHits]).toEqual([1, 1]);
  });

  test('concurrent identical calls from different operations share one upstream request', async () => {
    tenant.setLatency(100);
    const { upstream, metrics } = build();
    const token = issueToken();
    const calls = [callContext(), callContext(), callContext()];
    const id = tenant.data.accountActivities[0]!.id;
    const results = await Promise.all(
      calls.map((call) => upstream.forCaller({ kind: 'bearer', token }, call).getAccountActivity(id)),
    );
    expect(results.map((r) => r?.id)).toEqual([id, id, id]);
    expect(tenant.requests).toHaveLength(1);
    expect(calls.map((c) => [c.stats.requests, c.stats.coalesced])).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(metrics.coalescedCount).toBe(2);
  });
});

describe('pacing', () => {
  test('a burst stays within the budget in every window, and the tenant never answers 429', async () => {
    // The tenant's window is shorter than ours: it counts a request when it has verified the token, and a cold
    // first request can take tens of ms longer to get there than the next ones, which shrinks the gap it sees.
    const strict = await startDemoTenant({ port: 0, rateLimit: { requests: 4, windowMs: 300 } });
    try {
      const upstream = createUpstream(
        upstreamConfig(strict.url, { rateLimit: { requests: 4, windowMs: 500 } }),
        {
          logger: silentLogger(),
          metrics: recordingMetrics(),
        },
      );
      upstreams.push(upstream);
      const token = strict.issueToken();
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 10 }, (_, offset) =>
          upstream
            .forCaller({ kind: 'bearer', token }, callContext())
            .listTriggerInvocationStatuses({ offset, limit: 1 }),
        ),
      );
      expect(strict.requests).toHaveLength(10);
      expect(strict.requests.every((r) => r.status === 200)).toBe(true);
      expect(
        neverMoreThan(
          4,
          300,
          strict.requests.map((r) => r.at),
        ),
      ).toBe(true);
      // 10 requests at 4 per 500 ms need two full waits.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      await strict.stop();
    }
  });

  test('a caller that cannot wait for budget fails fast with RATE_LIMITED', async () => {
    const { upstream, metrics } = build({ rateLimit: { requests: 2, windowMs: 30_000 } });
    const token = issueToken();
    for (const offset of [0, 1]) {
      await upstream
        .forCaller({ kind: 'bearer', token }, callContext())
        .listTriggerInvocationStatuses({ offset, limit: 1 });
    }
    const call = callContext({ deadline: Date.now() + 10_000 });
    const started = Date.now();
    const error = await upstream
      .forCaller({ kind: 'bearer', token }, call)
      .listTriggerInvocationStatuses({ offset: 2, limit: 1 })
      .catch((e: unknown) => e);
    // Failing fast means answering at once, not queueing until the 10 s deadline or the 30 s window.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfter: 30 } });
    expect(call.stats.requests).toBe(0);
    expect(tenant.requests).toHaveLength(2);
    expect(metrics.rateLimitedCount).toBe(1);
  });

  test('budgets are per credential in pass-through mode', async () => {
    const { upstream } = build({ rateLimit: { requests: 1, windowMs: 5000 } });
    const other = tenant.addClient().clientId;
    await upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext()).listWorkflows();
    await upstream
      .forCaller({ kind: 'bearer', token: tenant.issueToken(other) }, callContext())
      .listWorkflows();
    expect(tenant.requests).toHaveLength(2);
  });
});
