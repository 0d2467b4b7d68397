import { pino, type Logger } from 'pino';
import { Coalescer } from '../../../src/cache/coalesce.js';
import { FairPacer } from '../../../src/cache/fair.js';
import { createMemoryLimiter } from '../../../src/cache/pacer.js';
import { createMemoryStore } from '../../../src/cache/store.js';
import { GatewayError } from '../../../src/core/errors.js';
import type { UpstreamStats } from '../../../src/graphql/context.js';
import { resolveCallerAuth, type CallerAuth } from '../../../src/upstream/auth.js';
import { SailPointClient } from '../../../src/upstream/client.js';
import type { Clock } from '../../../src/upstream/clock.js';
import type { AttemptRequest, AttemptResult, Transport } from '../../../src/upstream/http.js';
import { createExecutor, type PipelineDeps } from '../../../src/upstream/pipeline.js';
import type { UpstreamMetrics } from '../../../src/upstream/telemetry.js';
import type { CallContext } from '../../../src/upstream/types.js';

/** Test doubles shared by the upstream and cache tests (unit and integration). */

export const silentLogger = (): Logger => pino({ level: 'silent' });

export interface LogRecord {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger writing JSON lines to memory, to assert what was (and was not) logged. */
export function memoryLogger(): { logger: Logger; records: () => LogRecord[]; text: () => string } {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug', formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => lines.push(line) },
  );
  return {
    logger,
    records: () => lines.map((line) => JSON.parse(line) as LogRecord),
    text: () => lines.join(''),
  };
}

export interface RecordingMetrics extends UpstreamMetrics {
  requests: { endpoint: string; status: number | 'error' | 'timeout' }[];
  caches: ('hit' | 'miss')[];
  coalescedCount: number;
  rateLimitedCount: number;
  retries: string[];
}

export function recordingMetrics(): RecordingMetrics {
  const metrics: RecordingMetrics = {
    requests: [],
    caches: [],
    coalescedCount: 0,
    rateLimitedCount: 0,
    retries: [],
    request(endpoint, status) {
      metrics.requests.push({ endpoint, status });
    },
    cache(result) {
      metrics.caches.push(result);
    },
    coalesced() {
      metrics.coalescedCount += 1;
    },
    rateLimited() {
      metrics.rateLimitedCount += 1;
    },
    retry(reason) {
      metrics.retries.push(reason);
    },
  };
  return metrics;
}

export const newStats = (): UpstreamStats => ({ requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 });

export function callContext(overrides: Partial<CallContext> = {}): CallContext {
  return {
    requestId: 'req-test',
    stats: newStats(),
    logger: silentLogger(),
    deadline: Date.now() + 10_000,
    noCache: false,
    ...overrides,
  };
}

/** A clock whose `sleep` advances virtual time at once, recording every wait. */
export interface VirtualClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function virtualClock(start = 1_700_000_000_000, random = 0.5): VirtualClock {
  let now = start;
  const clock: VirtualClock = {
    sleeps: [],
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}

/** A successful attempt with a JSON body. */
export const ok = (body: unknown, headers: Record<string, string> = {}): AttemptResult => ({
  kind: 'response',
  status: 200,
  headers,
  body: JSON.stringify(body),
});
/** An attempt answered with HTTP status `code`. */
export const status = (
  code: number,
  body: unknown = {},
  headers: Record<string, string> = {},
): AttemptResult => ({
  kind: 'response',
  status: code,
  headers,
  body: JSON.stringify(body),
});

/**
 * The pipeline (cache -> coalesce -> pace -> HTTP with retries -> cache write) over a scripted transport and a
 * virtual clock: no sockets, no real waiting. `client(call, token)` is a SailPointClient for one caller.
 */
export function pipelineHarness(
  script: (request: AttemptRequest, index: number) => AttemptResult | Promise<AttemptResult>,
  options: { maxRetries?: number; rate?: { limit: number; windowMs: number }; clock?: VirtualClock } = {},
) {
  const clock = options.clock ?? virtualClock();
  const rate = options.rate ?? { limit: 100, windowMs: 10_000 };
  const sent: AttemptRequest[] = [];
  const transport: Transport = async (request) => {
    sent.push(request);
    return script(request, sent.length - 1);
  };
  const metrics = recordingMetrics();
  const deps: PipelineDeps = {
    config: {
      baseUrl: 'https://tenant.example',
      timeoutMs: 1000,
      maxRetries: options.maxRetries ?? 2,
      cache: { ttlSeconds: 10, workflowTtlSeconds: 60 },
    },
    store: createMemoryStore(),
    coalescer: new Coalescer(),
    pacer: new FairPacer(createMemoryLimiter(rate, clock.now), clock, {
      limit: rate.limit,
      callerConcurrency: Number.POSITIVE_INFINITY,
      callerSharePercent: 100,
    }),
    transport,
    metrics,
    clock,
  };
  const bearer = (token: string): CallerAuth => {
    const auth = resolveCallerAuth(
      { mode: 'pass-through' },
      { kind: 'bearer', token },
      `hash-${token}`,
      undefined,
    );
    if (auth instanceof GatewayError) throw auth;
    return auth;
  };
  const client = (call: CallContext, token = 'token-a', auth: CallerAuth = bearer(token)) =>
    new SailPointClient(createExecutor(deps, call, auth, `hash-${token}`), 'v1');
  const call = (overrides: Partial<CallContext> = {}) =>
    callContext({ deadline: clock.now() + 10_000, ...overrides });
  return { clock, sent, metrics, deps, client, call };
}
