import fc from 'fast-check';
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_AFTER_MS,
  parseRetryAfter,
  type RetryState,
} from '../../../src/upstream/retry.js';

const NOW = 1_700_000_000_000;

const state = (overrides: Partial<RetryState> = {}): RetryState => ({
  retries: 0,
  maxRetries: 2,
  now: NOW,
  deadline: NOW + 10_000,
  canRefreshToken: false,
  tokenRefreshed: false,
  random: 0.5,
  ...overrides,
});

describe('backoffDelay', () => {
  test('grows exponentially with equal jitter and a cap', () => {
    expect(backoffDelay(0, 0)).toBe(50);
    expect(backoffDelay(0, 0.999999)).toBe(100);
    expect(backoffDelay(1, 0)).toBe(100);
    expect(backoffDelay(3, 0)).toBe(400);
    expect(backoffDelay(20, 0)).toBe(1000);
    expect(backoffDelay(20, 0.999999)).toBe(2000);
  });

  test('stays within [ceiling/2, ceiling] for any attempt and jitter', () => {
    fc.assert(
      fc.property(
        fc.nat(40),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retries, random) => {
          const delay = backoffDelay(retries, random);
          return delay >= 50 && delay <= 2000;
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  test('delta-seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter(['2', '9'], NOW)).toBe(2000);
  });

  test('HTTP-date, never negative', () => {
    const inFiveSeconds = new Date(NOW + 5000).toUTCString();
    expect(parseRetryAfter(inFiveSeconds, NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });

  test('missing or garbage', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  test('success and client errors stop', () => {
    for (const status of [200, 204, 400, 403, 404, 422, 501]) {
      expect(decideRetry({ kind: 'response', status }, state())).toEqual({ action: 'stop' });
    }
  });

  test('5xx and network errors retry with backoff while retries remain', () => {
    expect(decideRetry({ kind: 'response', status: 503 }, state())).toEqual({
      action: 'retry',
      delayMs: 75,
      reason: 'server_error',
    });
    expect(decideRetry({ kind: 'network' }, state({ retries: 1 }))).toEqual({
      action: 'retry',
      delayMs: 150,
      reason: 'network',
    });
    expect(decideRetry({ kind: 'response', status: 500 }, state({ retries: 2 }))).toEqual({ action: 'stop' });
    expect(decideRetry({ kind: 'network' }, state({ maxRetries: 0 }))).toEqual({ action: 'stop' });
  });

  test('a backoff that would end at or after the deadline stops', () => {
    expect(decideRetry({ kind: 'response', status: 502 }, state({ deadline: NOW + 75 }))).toEqual({
      action: 'stop',
    });
    expect(decideRetry({ kind: 'response', status: 502 }, state({ deadline: NOW + 76 })).action).toBe(
      'retry',
    );
  });

  test('timeouts are not retried', () => {
    expect(decideRetry({ kind: 'timeout' }, state())).toEqual({ action: 'stop' });
  });

  test('429 waits Retry-After only when that fits before the deadline', () => {
    expect(decideRetry({ kind: 'response', status: 429, retryAfterMs: 2000 }, state())).toEqual({
      action: 'retry',
      delayMs: 2000,
      reason: 'rate_limited',
    });
    expect(
      decideRetry({ kind: 'response', status: 429, retryAfterMs: 10_000 }, state({ deadline: NOW + 10_000 })),
    ).toEqual({ action: 'stop' });
    expect(decideRetry({ kind: 'response', status: 429 }, state())).toEqual({
      action: 'retry',
      delayMs: DEFAULT_RETRY_AFTER_MS,
      reason: 'rate_limited',
    });
    expect(decideRetry({ kind: 'response', status: 429, retryAfterMs: 1 }, state({ retries: 2 }))).toEqual({
      action: 'stop',
    });
  });

  test('401 refreshes a service token once, never a caller token', () => {
    expect(decideRetry({ kind: 'response', status: 401 }, state({ canRefreshToken: true }))).toEqual({
      action: 'refresh-token',
    });
    expect(
      decideRetry({ kind: 'response', status: 401 }, state({ canRefreshToken: true, tokenRefreshed: true })),
    ).toEqual({ action: 'stop' });
    expect(decideRetry({ kind: 'response', status: 401 }, state())).toEqual({ action: 'stop' });
  });

  test('never schedules a retry that ends at or past the deadline, nor beyond maxRetries', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ kind: fc.constant('response' as const), status: fc.integer({ min: 200, max: 599 }) }),
          fc.record({
            kind: fc.constant('response' as const),
            status: fc.constant(429),
            retryAfterMs: fc.nat(20_000),
          }),
          fc.constant({ kind: 'network' as const }),
          fc.constant({ kind: 'timeout' as const }),
        ),
        fc.nat(5),
        fc.nat(5),
        fc.nat(15_000),
        (outcome, retries, maxRetries, budget) => {
          const s = state({ retries, maxRetries, deadline: NOW + budget });
          const decision = decideRetry(outcome, s);
          if (decision.action !== 'retry') return true;
          return retries < maxRetries && NOW + decision.delayMs < s.deadline;
        },
      ),
    );
  });
});
