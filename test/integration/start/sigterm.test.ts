import { createConnection } from 'node:net';
import type { DemoTenant } from '../../../src/demo-tenant/index.js';
import { startTestTenant } from '../../helpers/demo-tenant.js';
import {
  gatewayBuild,
  spawnGateway,
  type GatewayBuild,
  type GatewayProcess,
} from '../efficiency/processes.js';
import { waitFor } from '../efficiency/support.js';

/**
 * What Docker and Kubernetes do to stop the gateway: SIGTERM to the real `npm start` process (src/index.ts), while
 * a request is in flight. It must finish that request, refuse new connections, and exit with 0.
 */

const API_KEY = 'sigterm-test-api-key-0001';
// The executions of each workflow are slowed, after the (fast) workflow list has been answered: once the tenant's
// log shows the list, the operation is in the gateway waiting on those calls.
const QUERY = '{ workflows(first: 2) { nodes { id executions(first: 1) { nodes { id } } } } }';
const EXECUTIONS = /^\/workflows\/v1\/[^/]+\/executions$/;
const SLOW_MS = 2000;

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

let build: GatewayBuild;
let tenant: DemoTenant;
let gateway: GatewayProcess | undefined;
beforeAll(async () => {
  build = gatewayBuild();
  tenant = await startTestTenant();
}, 120_000);
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  tenant.clearFaults();
  tenant.clearRequests();
});
afterAll(async () => {
  await tenant.stop();
  build.cleanup();
});

describe('SIGTERM to the gateway process', () => {
  it('finishes the in-flight request, refuses new connections, and exits with 0', async () => {
    gateway = await spawnGateway(build.entry, {
      SAILPOINT_BASE_URL: tenant.url,
      SAILPOINT_CLIENT_ID: tenant.credentials.clientId,
      SAILPOINT_CLIENT_SECRET: tenant.credentials.clientSecret,
      GATEWAY_API_KEYS: API_KEY,
      NODE_ENV: 'test',
    });
    const { port } = new URL(gateway.url);
    tenant.addFault({ path: EXECUTIONS, delayMs: SLOW_MS });

    let settled = false;
    const inFlight = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ query: QUERY }),
    }).finally(() => {
      settled = true;
    });
    await waitFor(() => tenant.requests.some((r) => r.path === '/workflows/v1' && r.status === 200), 10_000);
    const signalledAt = Date.now();
    gateway.signal('SIGTERM');

    // The listener closes at once; the request keeps going.
    await waitFor(async () => !(await accepts(Number(port))), 10_000);
    expect(settled).toBe(false);

    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data?: { workflows: { nodes: { id: string; executions: { nodes: unknown[] } }[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflows.nodes).toHaveLength(2);
    for (const node of body.data?.workflows.nodes ?? []) expect(node.executions.nodes).toHaveLength(1);

    // The slowed calls were still being answered when the signal came: the request really spanned it.
    const slowed = tenant.requests.filter((r) => EXECUTIONS.test(r.path));
    expect(slowed).toHaveLength(2);
    for (const r of slowed) {
      expect(r.delayedMs).toBe(SLOW_MS);
      expect(r.at + SLOW_MS).toBeGreaterThan(signalledAt);
    }

    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(await accepts(Number(port))).toBe(false);
    const messages = gateway.logs.map((l) => l.msg);
    expect(gateway.logs).toContainEqual(
      expect.objectContaining({ msg: 'shutting down: draining in-flight requests', signal: 'SIGTERM' }),
    );
    expect(messages.indexOf('graphql operation')).toBeLessThan(messages.indexOf('stopped'));
    expect(messages.indexOf('graphql operation')).toBeGreaterThan(
      messages.indexOf('shutting down: draining in-flight requests'),
    );
  }, 60_000);

  it('exits with 0 without waiting out the drain grace period when idle, keep-alive connections included', async () => {
    // The grace period is the request timeout plus a second: ten minutes here, far past this test's timeout.
    gateway = await spawnGateway(build.entry, { NODE_ENV: 'test', REQUEST_TIMEOUT_MS: '600000' });
    const { port } = new URL(gateway.url);
    // fetch keeps this connection open (idle) in its pool.
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
    gateway.signal('SIGTERM');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(await accepts(Number(port))).toBe(false);
    expect(gateway.logs.map((l) => l.msg)).toContain('stopped');
  }, 60_000);
});
