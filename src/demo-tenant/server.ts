/**
 * The demo tenant's HTTP server: one `node:http` server that records every request, applies the simulated latency
 * and injected faults, and hands the request to the token or data endpoint (http/). It also owns the tenant's
 * lifetime: the seeded data and its progression, the credentials, and an orderly stop.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoTenant, DemoTenantOptions, RecordedRequest } from './types.js';
import type { Client } from './auth.js';
import { createServer } from 'node:http';
import { TokenAuthority } from './auth.js';
import { seedDemoData } from './data/seed/index.js';
import { createRng } from './data/prng.js';
import { Faults } from './faults.js';
import { dataEndpoint } from './http/data-endpoint.js';
import { DataIndex } from './http/endpoints.js';
import { advance, type Progress } from './progress.js';
import { HttpError, errorResponseDto, faultBody } from './http/errors.js';
import { readQuery } from './http/params.js';
import { errorReply, type Handled } from './http/reply.js';
import { isLegacyPath } from './http/routes.js';
import { TOKEN_PATH, tokenEndpoint } from './http/token-endpoint.js';
import { SlidingWindowRateLimiter } from './rate-limit.js';

export const DEFAULT_SEED = 20250101;
export const DEFAULT_TOKEN_TTL_SECONDS = 749;

/** The log is for assertions; a tenant left running for days must not grow without bound. */
const MAX_RECORDED_REQUESTS = 50_000;

/**
 * The demo client's credentials derive from the seed (not from crypto randomness) so `npm run demo-tenant`
 * prints the same ones on every start and docker-compose can configure the gateway with them.
 */
function demoClient(seed: number, identityId: string): Client {
  const rng = createRng((seed ^ 0x5eed_c11e) >>> 0);
  return { clientId: rng.hex(32), clientSecret: rng.hex(64), identityId };
}

export async function startTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? DEFAULT_SEED;
  const data = seedDemoData({ seed, now: options.now ?? Date.now() });
  let index = new DataIndex(data);
  const progressRng = createRng(seed ^ 0x5eed);
  let clock = data.now;
  const tick = (): Progress => {
    clock = Math.max(Date.now(), clock + 1000);
    const progress = advance(data, progressRng, clock);
    index = new DataIndex(data);
    return progress;
  };
  const interval = options.progressIntervalMs ? setInterval(tick, options.progressIntervalMs) : undefined;
  interval?.unref();
  const authority = new TokenAuthority(options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const demo = authority.register(demoClient(seed, data.adminIdentityId));
  const limits = options.rateLimit ?? { requests: 100, windowMs: 10_000 };
  const limiter = new SlidingWindowRateLimiter(limits.requests, limits.windowMs);
  let latencyMs = options.latencyMs ?? 0;
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let stopped = false;

  const sleep = (ms: number): Promise<void> =>
    ms <= 0 || stopped
      ? Promise.resolve()
      : new Promise((resolve) => {
          const sleeper = {
            timer: setTimeout(() => {
              sleepers.delete(sleeper);
              resolve();
            }, ms),
            resolve,
          };
          sleepers.add(sleeper);
        });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const pathname = q === -1 ? raw : raw.slice(0, q);
    const search = q === -1 ? '' : raw.slice(q + 1);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: pathname,
      query: { ...readQuery(search).values },
      status: 0,
      at,
    };
    const traceparent = req.headers.traceparent;
    if (typeof traceparent === 'string') record.traceparent = traceparent;
    let outcome: Handled;
    try {
      const fault = faults.take(pathname);
      const delayedMs = latencyMs + (fault?.delayMs ?? 0);
      if (delayedMs > 0) {
        record.delayedMs = delayedMs;
        await sleep(delayedMs);
      }
      if (fault?.status !== undefined) {
        const headers: Record<string, string> = {
          ...(fault.status === 429 ? { 'Retry-After': '1' } : {}),
          ...fault.headers,
        };
        outcome = { reply: { status: fault.status, body: fault.body ?? faultBody(fault.status), headers } };
      } else if (pathname === TOKEN_PATH) {
        outcome = await tokenEndpoint(authority, req, search);
      } else {
        outcome = dataEndpoint({ authority, limiter, index }, req, pathname, search, at);
      }
    } catch (error) {
      outcome =
        error instanceof HttpError
          ? { reply: errorReply(error) }
          : { reply: { status: 500, body: errorResponseDto(500, 'An internal fault occurred.') } };
    }
    if (res.destroyed || res.writableEnded) return;
    const { reply } = outcome;
    record.status = reply.status;
    if (outcome.clientId !== undefined) record.clientId = outcome.clientId;
    requests.push(record);
    if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
    const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json;charset=utf-8',
      'Content-Length': String(Buffer.byteLength(payload)),
      ...(isLegacyPath(pathname) ? { 'X-Deprecated': 'true' } : {}),
      ...reply.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  const server: Server = createServer((req, res) => {
    // Body bytes of data requests are ignored but must be drained, or keep-alive connections stall.
    if (req.url?.split('?')[0] !== TOKEN_PATH) req.resume();
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    credentials: { clientId: demo.clientId, clientSecret: demo.clientSecret },
    addClient(identityId = data.adminIdentityId) {
      const client = authority.newClient(identityId);
      return { clientId: client.clientId, clientSecret: client.clientSecret };
    },
    issueToken(clientId = demo.clientId, ttlSeconds) {
      return authority.issue(clientId, ttlSeconds).token;
    },
    get requests() {
      return requests;
    },
    clearRequests() {
      requests.length = 0;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    addFault(rule) {
      faults.add(rule);
    },
    clearFaults() {
      faults.clear();
    },
    data,
    tick,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(interval);
      for (const sleeper of sleepers) {
        clearTimeout(sleeper.timer);
        sleeper.resolve();
      }
      sleepers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
