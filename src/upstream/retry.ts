/**
 * Pure retry decisions. The HTTP loop in send.ts asks `decideRetry` after every attempt; keeping the rules
 * here (no clock, no randomness of their own) lets unit tests walk through them with injected times.
 */

/** What one HTTP attempt produced, reduced to what the retry rules need. */
export type AttemptOutcome =
  { kind: 'response'; status: number; retryAfterMs?: number } | { kind: 'network' } | { kind: 'timeout' };

export interface RetryState {
  /** Retries already made for this call (0 after the first attempt). */
  retries: number;
  maxRetries: number;
  now: number;
  /** Epoch ms after which nothing may start or wait. */
  deadline: number;
  /** Service mode with a token we fetched ourselves: a 401 may mean it expired early, so refresh once. */
  canRefreshToken: boolean;
  tokenRefreshed: boolean;
  /** A number in [0, 1) for jitter; injected so tests are deterministic. */
  random: number;
}

export type RetryReason = 'rate_limited' | 'server_error' | 'network';

export type RetryDecision =
  | { action: 'stop' }
  | { action: 'retry'; delayMs: number; reason: RetryReason }
  | { action: 'refresh-token' };

/** Used when a 429 comes without a usable Retry-After: one second is SailPoint's granularity. */
export const DEFAULT_RETRY_AFTER_MS = 1000;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2000;

/**
 * Exponential backoff with "equal jitter": half fixed, half random. Small on purpose: a frontend is waiting, and
 * a GET that failed with a 5xx usually succeeds on the next try or not at all.
 */
export function backoffDelay(retries: number, random: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retries);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** `Retry-After` is delta-seconds or an HTTP-date (RFC 9110 10.2.3). Returns ms from `now`, or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // An HTTP-date always names a month; without this, Date.parse would read "-1" as the year -1.
  const at = /[a-z]{3}/i.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** 501 Not Implemented will not change on a retry; the other 5xx are typically transient. */
const isRetriableStatus = (status: number): boolean => status >= 500 && status <= 599 && status !== 501;

export function decideRetry(outcome: AttemptOutcome, state: RetryState): RetryDecision {
  const budgetLeft = state.retries < state.maxRetries;
  // Strictly before the deadline: a retry landing exactly on it could not start anyway.
  const fits = (delayMs: number): boolean => state.now + delayMs < state.deadline;
  switch (outcome.kind) {
    case 'response': {
      const { status } = outcome;
      if (status === 401) {
        return state.canRefreshToken && !state.tokenRefreshed
          ? { action: 'refresh-token' }
          : { action: 'stop' };
      }
      if (status === 429) {
        const delayMs = outcome.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
        return budgetLeft && fits(delayMs)
          ? { action: 'retry', delayMs, reason: 'rate_limited' }
          : { action: 'stop' };
      }
      if (isRetriableStatus(status)) {
        const delayMs = backoffDelay(state.retries, state.random);
        return budgetLeft && fits(delayMs)
          ? { action: 'retry', delayMs, reason: 'server_error' }
          : { action: 'stop' };
      }
      return { action: 'stop' };
    }
    case 'network': {
      const delayMs = backoffDelay(state.retries, state.random);
      return budgetLeft && fits(delayMs)
        ? { action: 'retry', delayMs, reason: 'network' }
        : { action: 'stop' };
    }
    case 'timeout':
      // A timeout already cost a full timeout period; retrying would double what the frontend waits.
      return { action: 'stop' };
  }
}
