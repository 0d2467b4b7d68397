import { rateBudgetExceeded, type GatewayError } from '../core/errors.js';

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

/**
 * `reason` of a refusal: `share` when the identity's budget had room but the request's share of it (see `Share`)
 * was used up; absent when the budget itself was full.
 */
export type Admission =
  { admitted: true; at: number; ticket: string } | { admitted: false; waitMs: number; reason?: 'share' };

/**
 * A sub-budget inside an identity's budget: at most `limit` of the identity's requests in any window may carry
 * this `key` (one caller, or one kind of work such as live polling), so the rest of the window stays free for
 * everyone else. Logged and completed together with the identity's own entry.
 */
export interface Share {
  key: string;
  limit: number;
}

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
  tryAcquire(identity: string, now: number, holdMs = 0, share?: Share): Admission {
    const { limit, windowMs } = this.rate;
    if (++this.callsSinceSweep >= 1000) this.sweep(now);
    const log = this.live(identity, now);
    if (log.length >= limit) {
      return { admitted: false, waitMs: earliestWait(Math.min(...log.map((e) => e.at)), now, windowMs) };
    }
    const shareLog = share === undefined ? undefined : this.live(shareLogKey(identity, share.key), now);
    if (share !== undefined && shareLog !== undefined && shareLog.length >= share.limit) {
      const oldest = Math.min(...shareLog.map((e) => e.at));
      return { admitted: false, waitMs: earliestWait(oldest, now, windowMs), reason: 'share' };
    }
    const ticket = String(++this.nextTicket);
    const at = now + Math.max(0, holdMs);
    log.push({ ticket, at });
    shareLog?.push({ ticket, at });
    return { admitted: true, at: now, ticket };
  }

  /** The response of `ticket` arrived at `now`: from here on it counts as a request made at `now`. */
  complete(identity: string, ticket: string, now: number, share?: Share): void {
    const entry = this.logs.get(identity)?.find((e) => e.ticket === ticket);
    if (entry) entry.at = now;
    if (share === undefined) return;
    const shared = this.logs.get(shareLogKey(identity, share.key))?.find((e) => e.ticket === ticket);
    if (shared) shared.at = now;
  }

  /** The log of `key` without the entries that can no longer be in a window containing `now`. */
  private live(key: string, now: number): LogEntry[] {
    const log = this.logs.get(key) ?? [];
    // Once t <= now - windowMs, no window of length windowMs that contains `now` contains t any more.
    const live = log.filter((entry) => entry.at > now - this.rate.windowMs);
    this.logs.set(key, live);
    return live;
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

/** Where a share's own log lives, next to its identity's. */
export const shareLogKey = (identity: string, key: string): string => `${identity}:share:${key}`;

/** Admission source: the in-memory log, or the Redis one shared by all replicas. */
export interface Limiter {
  /**
   * `holdMs`: how long the request may stay in flight at most; it counts as in flight until then. With `share`,
   * the request must also fit that share of the budget.
   */
  tryAcquire(identity: string, holdMs: number, share?: Share): Promise<Admission>;
  /** The response (or failure) of an admitted request is in: log it at the current time. Never rejects. */
  complete(identity: string, ticket: string, share?: Share): Promise<void>;
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
    tryAcquire: async (identity, holdMs, share) => log.tryAcquire(identity, now(), holdMs, share),
    complete: async (identity, ticket, share) => log.complete(identity, ticket, now(), share),
  };
}
