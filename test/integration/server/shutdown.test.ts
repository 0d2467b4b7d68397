import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { waitFor } from '../efficiency/support.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

// Each workflow's executions are slowed after the (fast) list: once the tenant's log shows the list, the operation
// is in the gateway, waiting on those calls.
const QUERY = '{ workflows(first: 2) { nodes { id executions(first: 1) { nodes { id } } } } }';
const EXECUTIONS = /^\/workflows\/v1\/[^/]+\/executions$/;
const SLOW_MS = 1500;

describe('graceful shutdown', () => {
  it('lets an in-flight operation finish, then refuses new connections', async () => {
    const t = await startTestGateway();
    gw = t;
    t.tenant.addFault({ path: EXECUTIONS, delayMs: SLOW_MS });
    const inFlight = t.query<{ workflows: { nodes: { id: string; executions: { nodes: unknown[] } }[] } }>(
      QUERY,
    );
    await waitFor(
      () => t.tenant.requests.some((r) => r.path === '/workflows/v1' && r.status === 200),
      10_000,
    );
    const stopCalledAt = Date.now();
    const stopped = t.gateway.stop();

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflows.nodes).toHaveLength(2);
    for (const node of body.data?.workflows.nodes ?? []) expect(node.executions.nodes).toHaveLength(1);
    // The slowed calls were still being answered when stop() was called: the operation really spanned it.
    const slowed = t.tenant.requests.filter((r) => EXECUTIONS.test(r.path));
    expect(slowed).toHaveLength(2);
    for (const r of slowed) expect(r.at + SLOW_MS).toBeGreaterThan(stopCalledAt);
    await stopped;

    await expect(fetch(t.url, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(`${t.origin}/healthz`)).rejects.toThrow();
  });

  it('does not wait out the drain grace period when idle, and stop() can be called twice', async () => {
    // The grace period is the request timeout plus a second: ten minutes here, far past this test's timeout, so
    // a stop that waited for it would fail the test.
    const t = await startTestGateway({ env: { REQUEST_TIMEOUT_MS: '600000' } });
    gw = t;
    // Leaves an idle keep-alive connection in fetch's pool, which the drain must close rather than wait for.
    expect((await t.query('{ __typename }')).status).toBe(200);
    await Promise.all([t.gateway.stop(), t.gateway.stop()]);
    await expect(fetch(`${t.origin}/healthz`)).rejects.toThrow();
  });
});
