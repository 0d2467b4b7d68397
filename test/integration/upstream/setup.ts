import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import type { UpstreamConfig } from '../../../src/upstream/config.js';
import { createUpstream } from '../../../src/upstream/index.js';
import type { Upstream } from '../../../src/upstream/types.js';
import { recordingMetrics, silentLogger } from '../../unit/upstream/fakes.js';

/** Shared setup of the upstream integration tests (the fake SailPoint and the demo tenant). */

export function upstreamConfig(baseUrl: string, overrides: Partial<UpstreamConfig> = {}): UpstreamConfig {
  return {
    baseUrl,
    apiPaths: 'v1',
    auth: { mode: 'pass-through' },
    timeoutMs: 2000,
    maxRetries: 2,
    rateLimit: { requests: 100, windowMs: 10_000 },
    cache: { ttlSeconds: 10, workflowTtlSeconds: 60 },
    ...overrides,
  };
}

export interface FakeRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/**
 * A tiny hand-written SailPoint stand-in, only for responses the demo tenant cannot give (quirk Q1 arrays, HTML
 * bodies, redirects, echoed credentials).
 */
export async function startFake(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; requests: FakeRequest[]; stop(): Promise<void> }> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(payload);
}

/** True if no window [s, s + windowMs) holds more than `limit` of the times. */
export function neverMoreThan(limit: number, windowMs: number, times: readonly number[]): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  for (let i = 0; i + limit < sorted.length; i++) {
    if ((sorted[i + limit] as number) - (sorted[i] as number) < windowMs) return false;
  }
  return true;
}

/** A loopback URL on which nothing listens (the port was free a moment ago). */
export async function closedPortUrl(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The demo tenant of a demo-tenant-*.test.ts file, started by `useDemoTenant()`. */
export let tenant: DemoTenant;
/** A fresh tenant client per test: its own rate budget and token, so tests sharing the tenant cannot interfere. */
export let tenantClient: { clientId: string; clientSecret: string };
/** Upstreams a test built; closed after each test. */
export const upstreams: Upstream[] = [];

/**
 * The real upstream layer over real HTTP against one demo tenant per file: started in beforeAll, reset (request
 * log, faults, latency, a new client) before each test, and every upstream built in a test closed after it.
 */
export function useDemoTenant(): void {
  beforeAll(async () => {
    tenant = await startDemoTenant({ port: 0 });
  });

  afterAll(async () => {
    await tenant.stop();
  });

  beforeEach(() => {
    tenant.clearRequests();
    tenant.clearFaults();
    tenant.setLatency(0);
    tenantClient = tenant.addClient();
  });

  afterEach(async () => {
    await Promise.all(upstreams.splice(0).map((u) => u.close()));
  });
}

/** A token of this test's tenant client. */
export const issueToken = (ttlSeconds?: number) => tenant.issueToken(tenantClient.clientId, ttlSeconds);

/** An upstream over the tenant (pass-through unless `overrides` say otherwise), with metrics recorded. */
export function build(overrides: Partial<UpstreamConfig> = {}, logger = silentLogger()) {
  const metrics = recordingMetrics();
  const upstream = createUpstream(upstreamConfig(tenant.url, overrides), { logger, metrics });
  upstreams.push(upstream);
  return { upstream, metrics };
}

/** Service-mode auth with this test's tenant client. */
export const serviceAuth = () =>
  ({
    mode: 'service',
    clientId: tenantClient.clientId,
    clientSecret: tenantClient.clientSecret,
  }) as const;

/** The tenant's log without token fetches. */
export const dataRequests = () => tenant.requests.filter((r) => r.path !== '/oauth/token');
