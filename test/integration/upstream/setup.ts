import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { UpstreamConfig } from '../../../src/upstream/config.js';

/** Shared setup of the upstream integration tests. */

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
