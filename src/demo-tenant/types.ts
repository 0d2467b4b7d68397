/**
 * The demo tenant's public types: its options, its recorded requests, fault rules and the handle tests drive.
 * Kept apart from index.ts so server.ts can use them without importing the entry point back (no import circle).
 */
import type { DemoData } from './data/types.js';
import type { Progress } from './progress.js';

export interface DemoTenantOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Listen address, default '127.0.0.1'. */
  host?: string;
  /** PRNG seed of the dataset (default DEFAULT_SEED); the same seed and `now` give the same data. */
  seed?: number;
  /** Epoch ms the data is anchored to (default: Date.now() at start). */
  now?: number;
  /** Added to every response, /oauth/token included. */
  latencyMs?: number;
  /** Per client id, sliding window; default 100 requests per 10 s. /oauth/token does not count. */
  rateLimit?: { requests: number; windowMs: number };
  /** `expires_in` of issued tokens, default 749. */
  tokenTtlSeconds?: number;
  /** Advance the data (progress.ts) every this many ms; 0 = never (default), so seeded data stays fixed. */
  progressIntervalMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path as received, without the query string. */
  path: string;
  /** Decoded query parameters (first value of a repeated one). */
  query: Record<string, string>;
  /** Client of a valid token, or of a successful /oauth/token call. */
  clientId?: string;
  status: number;
  /** Epoch ms when the request arrived. */
  at: number;
  /** Simulated delay this request waited (latency plus a fault's delayMs); absent when none. */
  delayedMs?: number;
  /** The W3C `traceparent` header, when the caller sent one (a tracing gateway propagates its trace). */
  traceparent?: string;
}

export interface FaultRule {
  /** A string matches the path exactly; a RegExp is tested against it. Default: every path except /oauth/token. */
  path?: string | RegExp;
  /** Respond with this status instead of handling the request. Without it the rule only delays. */
  status?: number;
  /** Default: the body SailPoint sends for the status ({error} for 401, {message} for 429, else ErrorResponseDto). */
  body?: unknown;
  /** Extra headers; a 429 gets `Retry-After: 1` unless given here. */
  headers?: Record<string, string>;
  delayMs?: number;
  /** How many matching requests the rule applies to; default unlimited. */
  times?: number;
}

/**
 * Order of handling: latency, then the first matching fault (before authentication, so a fault hits whatever
 * request comes next), then /oauth/token, or authentication (401), rate limit (429), routing (404/405) and the
 * endpoint.
 */
export interface DemoTenant {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  /** The demo client; its identity is the seeded org admin (`data.adminIdentityId`). */
  credentials: { clientId: string; clientSecret: string };
  /** Another caller (isolation tests). Default identity: the admin. */
  addClient(identityId?: string): { clientId: string; clientSecret: string };
  /** Mints an access token without a /oauth/token call (pass-through tests). Default: the demo client. */
  issueToken(clientId?: string, ttlSeconds?: number): string;
  /** Every request answered so far, /oauth/token calls included (path '/oauth/token'); oldest first. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  setLatency(ms: number): void;
  /** Status codes, 429 storms (status 429 + Retry-After), slow responses (delayMs). */
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** The seeded dataset, for assertions. Read-only. */
  readonly data: DemoData;
  /** One progression step now (what the interval does): executions and invocations start and finish. */
  tick(): Progress;
  stop(): Promise<void>;
}
