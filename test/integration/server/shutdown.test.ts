import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let gw: TestGateway;
beforeEach(async () => {
  gw = await startTestGateway();
});
afterEach(async () => {
  await gw.stop();
});

describe('graceful shutdown', () => {
  it('lets an in-flight operation finish, then refuses new connections', async () => {
    gw.tenant.setLatency(1500);
    const inFlight = gw.query<{ workflows: { nodes: { id: string }[] } }>(
      '{ workflows(first: 2) { nodes { id } } }',
    );
    // Long enough for the request to reach the gateway, well short of the tenant's latency.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = gw.gateway.stop();

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflows.nodes).toHaveLength(2);
    await stopped;

    await expect(fetch(gw.url, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(`${gw.origin}/healthz`)).rejects.toThrow();
  });

  it('stops promptly when idle, and stop() can be called twice', async () => {
    const started = Date.now();
    await Promise.all([gw.gateway.stop(), gw.gateway.stop()]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
