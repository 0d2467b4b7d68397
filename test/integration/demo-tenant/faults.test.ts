import type { DemoTenant } from '../../../src/demo-tenant/index.js';
import { startTestTenant, tenantGet } from '../../helpers/demo-tenant.js';

let tenant: DemoTenant;
beforeEach(async () => {
  tenant = await startTestTenant();
});
afterEach(() => tenant.stop());

const status = async (path: string, token: string | null = tenant.issueToken()) =>
  (await tenantGet(tenant, path, { token })).status;

describe('injected faults', () => {
  it('answers a status for the given number of requests, then recovers', async () => {
    tenant.addFault({ status: 500, times: 2 });
    const first = await tenantGet(tenant, '/workflows/v1');
    expect(first.status).toBe(500);
    expect(first.body).toEqual({
      detailCode: '500.0 Internal Fault',
      trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Injected fault (HTTP 500)' }],
      causes: [],
    });
    expect(await status('/account-activities/v1')).toBe(500);
    expect(await status('/workflows/v1')).toBe(200);
  });

  it("simulates 429 storms with Retry-After and SailPoint's 429 body", async () => {
    tenant.addFault({ status: 429, times: 3 });
    for (let i = 0; i < 3; i++) {
      const res = await tenantGet(tenant, '/trigger-invocations/v1/status');
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ message: ' Rate Limit Exceeded ' });
      expect(res.headers.get('retry-after')).toBe('1');
    }
    expect(await status('/trigger-invocations/v1/status')).toBe(200);
    tenant.addFault({ status: 429, times: 1, headers: { 'Retry-After': '30' } });
    expect((await tenantGet(tenant, '/workflows/v1')).headers.get('retry-after')).toBe('30');
  });

  it('uses 401 {error} by default for 401 faults, and custom bodies and headers when given', async () => {
    tenant.addFault({ status: 401, times: 1 });
    expect((await tenantGet(tenant, '/workflows/v1')).body).toEqual({
      error: 'JWT validation failed: injected fault',
    });
    tenant.addFault({ status: 503, times: 1, body: { custom: true }, headers: { 'X-Fault': 'yes' } });
    const res = await tenantGet(tenant, '/workflows/v1');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ custom: true });
    expect(res.headers.get('x-fault')).toBe('yes');
  });

  it('matches a string path exactly and a RegExp by test, leaving other paths alone', async () => {
    tenant.addFault({ path: '/workflows/v1', status: 502 });
    tenant.addFault({ path: /\/executions$/, status: 504, times: 1 });
    const id = tenant.data.workflows[0]!.id;
    expect(await status('/workflows/v1')).toBe(502);
    expect(await status(`/workflows/v1/${id}`)).toBe(200);
    expect(await status(`/workflows/v1/${id}/executions`)).toBe(504);
    expect(await status(`/workflows/v1/${id}/executions`)).toBe(200);
    expect(await status('/workflows/v1')).toBe(502);
    tenant.clearFaults();
    expect(await status('/workflows/v1')).toBe(200);
  });

  it('applies the first matching rule; each rule keeps its own count', async () => {
    tenant.addFault({ status: 500, times: 1 });
    tenant.addFault({ status: 401, times: 1 });
    expect(await status('/workflows/v1')).toBe(500);
    expect(await status('/workflows/v1')).toBe(401);
    expect(await status('/workflows/v1')).toBe(200);
  });

  it('hits requests before authentication, and spares /oauth/token unless named', async () => {
    tenant.addFault({ status: 503, times: 1 });
    expect(await status('/workflows/v1', null)).toBe(503);
    tenant.addFault({ status: 500 });
    const { clientId, clientSecret } = tenant.credentials;
    const token = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    expect(token.status).toBe(200);
    tenant.clearFaults();
    tenant.addFault({ path: '/oauth/token', status: 503, times: 1 });
    const failed = await fetch(`${tenant.url}/oauth/token`, { method: 'POST' });
    expect(failed.status).toBe(503);
  });

  // Lower bounds show the delay is real; the request log says which requests were delayed, so no test
  // needs an upper bound on wall-clock time (which a loaded CI machine breaks).
  it('slows responses with delayMs, alone or with a status', async () => {
    tenant.addFault({ delayMs: 150, times: 1 });
    const start = performance.now();
    expect(await status('/workflows/v1')).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    expect(await status('/workflows/v1')).toBe(200);
    tenant.addFault({ delayMs: 100, status: 500, times: 1 });
    expect(await status('/workflows/v1')).toBe(500);
    expect(tenant.requests.map((r) => [r.status, r.delayedMs])).toEqual([
      [200, 150],
      [200, undefined],
      [500, 100],
    ]);
  });

  it('adds latency to every response, changeable at run time', async () => {
    tenant.setLatency(120);
    const start = performance.now();
    expect(await status('/workflows/v1')).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(110);
    tenant.addFault({ delayMs: 30, times: 1 });
    await status('/workflows/v1');
    tenant.setLatency(0);
    await status('/workflows/v1');
    expect(tenant.requests.map((r) => r.delayedMs)).toEqual([120, 150, undefined]);
  });

  it('takes latency from the options too', async () => {
    const slow = await startTestTenant({ latencyMs: 100 });
    try {
      const start = performance.now();
      expect((await tenantGet(slow, '/workflows/v1')).status).toBe(200);
      expect(performance.now() - start).toBeGreaterThanOrEqual(90);
      expect(slow.requests.map((r) => r.delayedMs)).toEqual([100]);
    } finally {
      await slow.stop();
    }
  });

  it('stops promptly while a slow response is pending', async () => {
    tenant.addFault({ delayMs: 10_000 });
    const pending = fetch(`${tenant.url}/workflows/v1`, {
      headers: { authorization: `Bearer ${tenant.issueToken()}` },
    }).then(
      () => 'answered',
      () => 'aborted',
    );
    await new Promise((r) => setTimeout(r, 50));
    const start = performance.now();
    await tenant.stop();
    // Waiting for the slow response would take 10 s.
    expect(performance.now() - start).toBeLessThan(5000);
    expect(await pending).toBe('aborted');
  });
});

describe('request log', () => {
  it('records method, path, decoded query, client, status and arrival time of every request', async () => {
    const before = Date.now();
    const token = tenant.issueToken();
    await tenantGet(tenant, '/account-activities/v1', {
      token,
      query: { filters: 'type eq "a b"', limit: 5 },
    });
    await tenantGet(tenant, '/workflows/v1/x%2Fy', { token });
    await tenantGet(tenant, '/workflows/v1', { token: null });
    expect(tenant.requests).toEqual([
      {
        method: 'GET',
        path: '/account-activities/v1',
        query: { filters: 'type eq "a b"', limit: '5' },
        clientId: tenant.credentials.clientId,
        status: 200,
        at: expect.any(Number),
      },
      {
        method: 'GET',
        path: '/workflows/v1/x%2Fy',
        query: {},
        clientId: tenant.credentials.clientId,
        status: 404,
        at: expect.any(Number),
      },
      { method: 'GET', path: '/workflows/v1', query: {}, status: 401, at: expect.any(Number) },
    ]);
    expect(tenant.requests[0]!.at).toBeGreaterThanOrEqual(before);
    tenant.clearRequests();
    expect(tenant.requests).toEqual([]);
  });

  it('records the client of added clients and faulted requests', async () => {
    const other = tenant.addClient(tenant.data.identities[2]!.id);
    await tenantGet(tenant, '/workflows/v1', { token: tenant.issueToken(other.clientId) });
    tenant.addFault({ status: 500, times: 1 });
    await tenantGet(tenant, '/workflows/v1');
    expect(tenant.requests.map((r) => [r.clientId, r.status])).toEqual([
      [other.clientId, 200],
      [undefined, 500],
    ]);
  });
});
