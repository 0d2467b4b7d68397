import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { rateBudgetExceeded, type GatewayError } from '../core/errors.js';
import { KEY_PREFIX } from './keys.js';
import type { RedisConnection } from './redis.js';

/**
 * Pacing: per upstream credential, never more than `limit` requests in ANY window of `windowMs` (SailPoint allows
 * 100 per 10 s per client and answers 429 beyond that).
 *
 * A sliding log, not a token bucket: a bucket of N that refills continuously lets N through at once and then N
 * more as it refills within the same window, ~2N per window. With the log, a request is admitted only if fewer
 * than N logged requests lie in the last `windowMs`.
 *
 * What gets logged is not the admission time. SailPoint counts a request when it ARRIVES, which is later than our
 * admission and jittery (token fetch, connection setup, network), so two admissions exactly one window apart can
 * arrive less than a window apart: with admission times only, the tenant sees N + 1 in a window. Instead each
 * admitted request is logged with a pessimistic time while it is in flight (admission + `holdMs`, a bound on how
 * long the request can take: it then counts in every window until then), and `complete` moves it to the time its
 * response arrived. Response time >= arrival time, so the logged time of every request is at or after the moment
 * the upstream counted it, and the log's windows always contain every request the upstream could count in them.
 *
 * Why that is enough: suppose N + 1 requests arrive in some window (x - W, x], and let k be the last of them to
 * be admitted, at s_k <= arrival_k <= x. Each of the other N was admitted before s_k; at s_k it was either in
 * flight (logged at a time > s_k) or complete (logged at its response time >= its arrival > x - W >= s_k - W).
 * Either way the log held N entries newer than s_k - W, so k was not admitted. Contradiction.
 *
 * `holdMs` only matters when a completion never comes (process crash, Redis write lost): the entry then frees its
 * slot when the hold and one more window have passed, rather than never.
 */

export type Admission = { admitted: true; at: number; ticket: string } | { admitted: false; waitMs: number };

export interface RateLimit {
  limit: number;
  windowMs: number;
}

interface LogEntry {
  ticket: string;
  /** Admission + hold while in flight, response time once complete. */
  at: number;
}

/**
 * In-memory sliding log. Pure: time comes in as an argument. Logs hold at most `limit` entries, so linear scans
 * are fine (SailPoint's N is 100).
 */
export class SlidingWindowLog {
  private readonly logs = new Map<string, LogEntry[]>();
  private callsSinceSweep = 0;
  private nextTicket = 0;

  constructor(private readonly rate: RateLimit) {}

  /**
   * Admits if fewer than `limit` logged requests lie in the window ending at `now`, logging this one at
   * `now + holdMs` until `complete`. With `holdMs` 0 and no `complete`, the log holds plain admission times.
   */
  tryAcquire(identity: string, now: number, holdMs = 0): Admission {
    const { limit, windowMs } = this.rate;
    if (++this.callsSinceSweep >= 1000) this.sweep(now);
    let log = this.logs.get(identity);
    if (!log) {
      log = [];
      this.logs.set(identity, log);
    }
    // Once t <= now - windowMs, no window of length windowMs that contains `now` contains t any more.
    const live = log.filter((entry) => entry.at > now - windowMs);
    if (live.length !== log.length) {
      log = live;
      this.logs.set(identity, log);
    }
    if (log.length < limit) {
      const ticket = String(++this.nextTicket);
      log.push({ ticket, at: now + Math.max(0, holdMs) });
      return { admitted: true, at: now, ticket };
    }
    return { admitted: false, waitMs: earliestWait(Math.min(...log.map((e) => e.at)), now, windowMs) };
  }

  /** The response of `ticket` arrived at `now`: from here on it counts as a request made at `now`. */
  complete(identity: string, ticket: string, now: number): void {
    const entry = this.logs.get(identity)?.find((e) => e.ticket === ticket);
    if (entry) entry.at = now;
  }

  /** Drops identities with nothing left in the current window, so pass-through tokens do not accumulate. */
  sweep(now: number): void {
    this.callsSinceSweep = 0;
    for (const [identity, log] of this.logs) {
      if (log.every((entry) => entry.at <= now - this.rate.windowMs)) this.logs.delete(identity);
    }
  }

  get identities(): number {
    return this.logs.size;
  }
}

/**
 * The shortest time after which a slot can be free, given the oldest logged time: a completed entry leaves the
 * window at its time + windowMs; an in-flight one (logged in the future) at the earliest `windowMs` from now, if
 * its response came this instant. A lower bound, so a caller may have to ask again (the fail-fast decision only
 * refuses what surely cannot fit). Capped at one window: if the wall clock stepped backwards, entries "from the
 * future" must not block longer.
 */
function earliestWait(oldest: number, now: number, windowMs: number): number {
  return Math.min(windowMs, Math.max(1, Math.min(oldest, now) + windowMs - now));
}

/** Admission source: the in-memory log, or the Redis one shared by all replicas. */
export interface Limiter {
  /** `holdMs`: how long the request may stay in flight at most; it counts as in flight until then. */
  tryAcquire(identity: string, holdMs: number): Promise<Admission>;
  /** The response (or failure) of an admitted request is in: log it at the current time. Never rejects. */
  complete(identity: string, ticket: string): Promise<void>;
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** An admitted request: the admission time (limiter clock) and the ticket to `complete` once it has answered. */
export interface Slot {
  at: number;
  ticket: string;
}

export interface AcquireOptions {
  /**
   * Local time by which the request has surely answered or been abandoned (default: the deadline). It stays
   * logged as in flight until then unless completed first.
   */
  holdUntil?: number;
  onRefused?: (error: GatewayError) => void;
}

/**
 * Waits for an admission, but never past `deadline`: when the limiter says the next slot is further away than
 * the caller can wait, fail at once with RATE_LIMITED and `retryAfter` rather than queueing for seconds.
 * The caller must `limiter.complete(identity, slot.ticket)` once the request has answered.
 */
export async function acquireWithin(
  limiter: Limiter,
  identity: string,
  deadline: number,
  clock: PacerClock,
  options: AcquireOptions = {},
): Promise<Slot> {
  const holdUntil = options.holdUntil ?? deadline;
  for (;;) {
    const admission = await limiter.tryAcquire(identity, Math.max(0, Math.ceil(holdUntil - clock.now())));
    if (admission.admitted) return { at: admission.at, ticket: admission.ticket };
    if (clock.now() + admission.waitMs > deadline) {
      const error = rateBudgetExceeded(admission.waitMs);
      options.onRefused?.(error);
      throw error;
    }
    // Other waiters may take the slot first, or the in-flight request holding it may not have answered yet:
    // then we simply ask again.
    await clock.sleep(admission.waitMs);
  }
}

export function createMemoryLimiter(rate: RateLimit, now: () => number = Date.now): Limiter {
  const log = new SlidingWindowLog(rate);
  return {
    tryAcquire: async (identity, holdMs) => log.tryAcquire(identity, now(), holdMs),
    complete: async (identity, ticket) => log.complete(identity, ticket, now()),
  };
}

/**
 * The same sliding log as a Redis sorted set (member = ticket, score = logged time), updated atomically by one
 * script so that concurrent replicas can never both take the last slot.
 *
 * Clock choice: the scripts read Redis `TIME` instead of receiving the caller's clock. Every replica then judges
 * the window against one clock; with client time, a replica whose clock lags by d would see old entries as still
 * inside the window (harmless) while one running ahead by d would expire entries d early and admit more than N in
 * a real window. The wait it returns is a duration, so the local clock only measures how long to sleep.
 * Redis >= 5 replicates scripts by effects, which is what allows TIME before a write.
 *
 * ARGV: limit, windowMs, ticket, holdMs. An admitted ticket is scored admission + hold (in flight); the key lives
 * at least until every entry in it has left the window.
 */
export const SLIDING_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local hold = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[3])
  if redis.call('PTTL', KEYS[1]) < hold + window then
    redis.call('PEXPIRE', KEYS[1], hold + window)
  end
  return {1, now}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now then oldest = now end
local wait = oldest + window - now
if wait < 1 then wait = 1 end
return {0, wait}
`;

/**
 * Completion: the ticket's score becomes the current Redis time (>= when its response arrived, since the script
 * runs after it). Re-added if it is gone (Redis restarted in between): that only makes pacing more careful.
 * ARGV: ticket, windowMs.
 */
export const COMPLETE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
if redis.call('PTTL', KEYS[1]) < window then
  redis.call('PEXPIRE', KEYS[1], window)
end
return now
`;

export function parseScriptReply(reply: unknown, ticket = ''): Admission {
  if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Unexpected pacing script reply');
  const [flag, value] = reply.map(Number) as [number, number];
  if (!Number.isFinite(value)) throw new Error('Unexpected pacing script reply');
  return flag === 1 ? { admitted: true, at: value, ticket } : { admitted: false, waitMs: value };
}

/** Tickets of the per-process fallback log carry this prefix, so their completion goes there too. */
const LOCAL_TICKET = 'local:';

/**
 * Redis limiter that falls back to a per-process in-memory log while Redis is unreachable. During an outage each
 * replica paces on its own (the shared budget is lost, the per-process bound still holds); when Redis is back the
 * shared log resumes. A completion that cannot be written leaves its entry at the pessimistic in-flight time,
 * which errs on the safe side.
 */
export function createRedisLimiter(
  connection: RedisConnection,
  rate: RateLimit,
  options: { logger: Logger; now?: () => number },
): Limiter {
  const fallback = new SlidingWindowLog(rate);
  const now = options.now ?? Date.now;
  const key = (identity: string): string => `${KEY_PREFIX}pace:${identity}`;
  let usingFallback = false;
  return {
    async tryAcquire(identity, holdMs) {
      const ticket = randomUUID();
      try {
        const reply = await connection.run((client) =>
          client.eval(SLIDING_WINDOW_SCRIPT, {
            keys: [key(identity)],
            arguments: [
              String(rate.limit),
              String(rate.windowMs),
              ticket,
              String(Math.max(0, Math.ceil(holdMs))),
            ],
          }),
        );
        const admission = parseScriptReply(reply, ticket);
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
        const admission = fallback.tryAcquire(identity, now(), holdMs);
        return admission.admitted ? { ...admission, ticket: LOCAL_TICKET + admission.ticket } : admission;
      }
    },
    async complete(identity, ticket) {
      if (ticket.startsWith(LOCAL_TICKET)) {
        fallback.complete(identity, ticket.slice(LOCAL_TICKET.length), now());
        return;
      }
      try {
        await connection.run((client) =>
          client.eval(COMPLETE_SCRIPT, { keys: [key(identity)], arguments: [ticket, String(rate.windowMs)] }),
        );
      } catch {
        // The entry keeps its in-flight time and leaves the window a hold later: safe, only slower.
      }
    },
  };
}
