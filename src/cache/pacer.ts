import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { GatewayError } from '../errors.js';
import { toGatewayError } from '../upstream/errors.js';
import { KEY_PREFIX } from './keys.js';
import type { RedisConnection } from './redis.js';

/**
 * Pacing: per upstream credential, never more than `limit` requests in ANY window of `windowMs` (SailPoint allows
 * 100 per 10 s per client and answers 429 beyond that).
 *
 * A sliding log of admission times, not a token bucket: a bucket of N that refills continuously lets N through at
 * once and then N more as it refills within the same window, ~2N per window. With the log, a request is admitted
 * only if fewer than N admissions lie in the last `windowMs`, so for every i, admission[i + N] - admission[i] >=
 * windowMs, which is exactly "at most N in any window".
 */

export type Admission = { admitted: true; at: number } | { admitted: false; waitMs: number };

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** In-memory sliding log. Pure: time comes in as an argument. */
export class SlidingWindowLog {
  private readonly logs = new Map<string, number[]>();
  private callsSinceSweep = 0;

  constructor(private readonly rate: RateLimit) {}

  tryAcquire(identity: string, now: number): Admission {
    const { limit, windowMs } = this.rate;
    if (++this.callsSinceSweep >= 1000) this.sweep(now);
    let log = this.logs.get(identity);
    if (!log) {
      log = [];
      this.logs.set(identity, log);
    }
    // Once t <= now - windowMs, no window of length windowMs that contains `now` contains t any more.
    let expired = 0;
    while (expired < log.length && (log[expired] as number) <= now - windowMs) expired++;
    if (expired > 0) log.splice(0, expired);
    if (log.length < limit) {
      log.push(now);
      return { admitted: true, at: now };
    }
    const oldest = log[0] as number;
    // Capped at one window: if the wall clock stepped backwards, entries "from the future" must not block longer.
    return { admitted: false, waitMs: Math.min(windowMs, Math.max(1, oldest + windowMs - now)) };
  }

  /** Drops identities with no admission in the current window, so pass-through tokens do not accumulate. */
  sweep(now: number): void {
    this.callsSinceSweep = 0;
    for (const [identity, log] of this.logs) {
      const last = log[log.length - 1];
      if (last === undefined || last <= now - this.rate.windowMs) this.logs.delete(identity);
    }
  }

  get identities(): number {
    return this.logs.size;
  }
}

/** Admission source: the in-memory log, or the Redis one shared by all replicas. */
export interface Limiter {
  tryAcquire(identity: string): Promise<Admission>;
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Waits for an admission, but never past `deadline`: when the limiter says the next slot is further away than
 * the caller can wait, fail at once with RATE_LIMITED and `retryAfter` rather than queueing for seconds.
 * Resolves with the admission time (limiter clock).
 */
export async function acquireWithin(
  limiter: Limiter,
  identity: string,
  deadline: number,
  clock: PacerClock,
  onRefused?: (error: GatewayError) => void,
): Promise<number> {
  for (;;) {
    const admission = await limiter.tryAcquire(identity);
    if (admission.admitted) return admission.at;
    if (clock.now() + admission.waitMs > deadline) {
      const error = toGatewayError({ kind: 'rate-budget', retryAfterMs: admission.waitMs });
      onRefused?.(error);
      throw error;
    }
    // Other waiters may take the slot first; then we simply ask again.
    await clock.sleep(admission.waitMs);
  }
}

export function createMemoryLimiter(rate: RateLimit, now: () => number = Date.now): Limiter {
  const log = new SlidingWindowLog(rate);
  return { tryAcquire: async (identity) => log.tryAcquire(identity, now()) };
}

/**
 * The same sliding log as a Redis sorted set, updated atomically by one script so that concurrent replicas can
 * never both take the last slot.
 *
 * Clock choice: the script reads Redis `TIME` instead of receiving the caller's clock. Every replica then judges
 * the window against one clock; with client time, a replica whose clock lags by d would see old entries as still
 * inside the window (harmless) while one running ahead by d would expire entries d early and admit more than N in
 * a real window. The wait it returns is a duration, so the local clock only measures how long to sleep.
 * Redis >= 5 replicates scripts by effects, which is what allows TIME before a write.
 */
export const SLIDING_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now
if wait < 1 then wait = 1 end
return {0, wait}
`;

export function parseScriptReply(reply: unknown): Admission {
  if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Unexpected pacing script reply');
  const [flag, value] = reply.map(Number) as [number, number];
  if (!Number.isFinite(value)) throw new Error('Unexpected pacing script reply');
  return flag === 1 ? { admitted: true, at: value } : { admitted: false, waitMs: value };
}

/**
 * Redis limiter that falls back to a per-process in-memory log while Redis is unreachable. During an outage each
 * replica paces on its own (the shared budget is lost, the per-process bound still holds); when Redis is back the
 * shared log resumes.
 */
export function createRedisLimiter(
  connection: RedisConnection,
  rate: RateLimit,
  options: { logger: Logger; now?: () => number },
): Limiter {
  const fallback = new SlidingWindowLog(rate);
  const now = options.now ?? Date.now;
  let usingFallback = false;
  return {
    async tryAcquire(identity) {
      try {
        const reply = await connection.run((client) =>
          client.eval(SLIDING_WINDOW_SCRIPT, {
            keys: [`${KEY_PREFIX}pace:${identity}`],
            arguments: [String(rate.limit), String(rate.windowMs), randomUUID()],
          }),
        );
        const admission = parseScriptReply(reply);
        if (usingFallback) {
          usingFallback = false;
          options.logger.info('upstream pacing is shared through redis again');
        }
        return admission;
      } catch {
        if (!usingFallback) {
          usingFallback = true;
          options.logger.warn('redis unavailable: upstream pacing falls back to a per-process limit');
        }
        return fallback.tryAcquire(identity, now());
      }
    },
  };
}
