import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoTenant, DemoTenantOptions, FaultRule, RecordedRequest } from './types.js';
import type { Client } from './auth.js';
import { createServer } from 'node:http';
import { TokenAuthority } from './auth.js';
import { seedDemoData } from './data/seed/index.js';
import { createRng } from './data/prng.js';
import { DataIndex, handleEndpoint } from './http/endpoints.js';
import { advance, type Progress } from './progress.js';
import {
  HttpError,
  errorResponseDto,
  faultBody,
  notFound,
  rateLimited,
  unauthorized,
} from './http/errors.js';
import { readQuery } from './http/params.js';
import { isLegacyPath, matchRoute } from './http/routes.js';
import { SlidingWindowRateLimiter } from './rate-limit.js';

export const DEFAULT_SEED = 20250101;
export const DEFAULT_TOKEN_TTL_SECONDS = 749;
const TOKEN_PATH = '/oauth/token';
const MAX_BODY_BYTES = 64 * 1024;
/** The log is for assertions; a tenant left running for days must not grow without bound. */
const MAX_RECORDED_REQUESTS = 50_000;

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
}

/**
 * The demo client's credentials derive from the seed (not from crypto randomness) so `npm run demo-tenant`
 * prints the same ones on every start and docker-compose can configure the gateway with them.
 */
function demoClient(seed: number, identityId: string): Client {
  const rng = createRng((seed ^ 0x5eed_c11e) >>> 0);
  return { clientId: rng.hex(32), clientSecret: rng.hex(64), identityId };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    // An aborted upload never ends; its reply goes nowhere anyway.
    req.on('close', () => resolve(null));
    req.on('error', reject);
  });
}

function pathMatches(rule: FaultRule, path: string): boolean {
  if (rule.path === undefined) return path !== TOKEN_PATH;
  if (typeof rule.path === 'string') return rule.path === path;
  // A /g or /y RegExp keeps state between test() calls; every request must be matched afresh.
  rule.path.lastIndex = 0;
  return rule.path.test(path);
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
  let faults: ActiveFault[] = [];
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

  const takeFault = (path: string): FaultRule | undefined => {
    const active = faults.find((f) => f.remaining > 0 && pathMatches(f.rule, path));
    if (!active) return undefined;
    active.remaining--;
    if (active.remaining <= 0) faults = faults.filter((f) => f !== active);
    return active.rule;
  };

  async function tokenEndpoint(
    req: IncomingMessage,
    search: string,
  ): Promise<{ reply: Reply; clientId?: string }> {
    const oauthError = (status: number, error: string, description: string): { reply: Reply } => ({
      reply: { status, body: { error, error_description: description } },
    });
    if (req.method !== 'POST') {
      return {
        reply: {
          status: 405,
          body: errorResponseDto(405, 'Use POST for /oauth/token'),
          headers: { Allow: 'POST' },
        },
      };
    }
    const body = await readBody(req);
    if (body === null) return oauthError(413, 'invalid_request', 'Request body too large');
    const fields = readQuery(search);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const merged = new Map(Object.entries(fields.values));
    if (body.length > 0) {
      if (contentType !== 'application/x-www-form-urlencoded') {
        return oauthError(
          400,
          'invalid_request',
          `Unsupported content type '${contentType}': send application/x-www-form-urlencoded or use the query string`,
        );
      }
      const form = readQuery(body);
      for (const [name, value] of Object.entries(form.values)) {
        const existing = merged.get(name);
        if ((existing !== undefined && existing !== value) || form.repeated.has(name)) {
          return oauthError(400, 'invalid_request', `Parameter '${name}' given more than once`);
        }
        merged.set(name, value);
      }
    }
    const grantType = merged.get('grant_type');
    if (grantType === undefined) return oauthError(400, 'invalid_request', 'Missing grant type');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    }
    const client = authority.authenticate(merged.get('client_id') ?? '', merged.get('client_secret') ?? '');
    if (!client) return oauthError(401, 'invalid_client', 'Bad client credentials');
    return {
      reply: {
        status: 200,
        body: authority.tokenResponse(client.clientId),
        headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      },
      clientId: client.clientId,
    };
  }

  function dataEndpoint(
    req: IncomingMessage,
    pathname: string,
    search: string,
    arrivedAt: number,
  ): { reply: Reply; clientId?: string } {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer ([^\s]+)$/i.exec(header.trim());
    if (!match) {
      throw unauthorized(
        header === undefined
          ? 'Missing Authorization header'
          : 'JWT validation failed: malformed Authorization header',
      );
    }
    const verified = authority.verify(match[1] as string);
    if (!verified.ok) throw unauthorized(verified.error);
    const { clientId, identityId } = verified.claims;
    try {
      const decision = limiter.take(clientId, arrivedAt);
      if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
      const route = matchRoute(pathname);
      if (!route) throw notFound(`No resource at ${pathname}`);
      if (req.method !== 'GET') {
        throw new HttpError(
          405,
          errorResponseDto(405, `Method ${req.method ?? ''} is not allowed on ${pathname}`),
          {
            Allow: 'GET',
          },
        );
      }
      const result = handleEndpoint(index, { route, query: readQuery(search), identityId });
      return {
        reply: { status: 200, body: result.body, ...(result.headers ? { headers: result.headers } : {}) },
        clientId,
      };
    } catch (error) {
      if (error instanceof HttpError)
        return { reply: { status: error.status, body: error.body, headers: error.headers }, clientId };
      throw error;
    }
  }

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
    let outcome: { reply: Reply; clientId?: string };
    try {
      const fault = takeFault(pathname);
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
        outcome = await tokenEndpoint(req, search);
      } else {
        outcome = dataEndpoint(req, pathname, search, at);
      }
    } catch (error) {
      outcome =
        error instanceof HttpError
          ? { reply: { status: error.status, body: error.body, headers: error.headers } }
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
      faults.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      faults = [];
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
