import { pino, type Logger } from 'pino';
import type { UpstreamStats } from '../../../src/graphql/context.js';
import type { Clock } from '../../../src/upstream/clock.js';
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
