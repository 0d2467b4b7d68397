import fc from 'fast-check';
import { GatewayError } from '../../../src/errors.js';
import {
  acquireWithin,
  parseScriptReply,
  SlidingWindowLog,
  type Admission,
  type Limiter,
} from '../../../src/cache/pacer.js';
import { virtualClock } from '../upstream/fakes.js';

/** True if no window [s, s + windowMs) holds more than `limit` of the (sorted) admission times. */
function neverMoreThan(limit: number, windowMs: number, times: number[]): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  for (let i = 0; i + limit < sorted.length; i++) {
    if ((sorted[i + limit] as number) - (sorted[i] as number) < windowMs) return false;
  }
  return true;
}

/**
 * Runs a population of requests through the log in time order: each arrives, is admitted or told how long to
 * wait, and then asks again after that wait (interleaved with everyone else, like concurrent callers).
 */
function simulate(log: SlidingWindowLog, arrivals: { at: number; identity: string }[]) {
  const queue = arrivals.map((a, index) => ({ ...a, index }));
  const admitted = new Map<string, number[]>();
  let steps = 0;
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at || a.index - b.index);
    const next = queue.shift() as (typeof queue)[number];
    const result = log.tryAcquire(next.identity, next.at);
    if (result.admitted) {
      admitted.set(next.identity, [...(admitted.get(next.identity) ?? []), result.at]);
    } else {
      expect(result.waitMs).toBeGreaterThan(0);
      queue.push({ ...next, at: next.at + result.waitMs });
    }
    if (++steps > 100_000) throw new Error('simulation does not terminate');
  }
  return admitted;
}

describe('SlidingWindowLog', () => {
  test('admits N at once, then makes the next wait until the oldest leaves the window', () => {
    const log = new SlidingWindowLog({ limit: 3, windowMs: 1000 });
    expect(log.tryAcquire('a', 0)).toEqual({ admitted: true, at: 0 });
    expect(log.tryAcquire('a', 100)).toEqual({ admitted: true, at: 100 });
    expect(log.tryAcquire('a', 200)).toEqual({ admitted: true, at: 200 });
    expect(log.tryAcquire('a', 300)).toEqual({ admitted: false, waitMs: 700 });
    expect(log.tryAcquire('b', 300)).toEqual({ admitted: true, at: 300 });
    expect(log.tryAcquire('a', 999)).toEqual({ admitted: false, waitMs: 1 });
    expect(log.tryAcquire('a', 1000)).toEqual({ admitted: true, at: 1000 });
    expect(log.tryAcquire('a', 1000)).toEqual({ admitted: false, waitMs: 100 });
  });

  test('a token bucket would let ~2N through one window; the log does not', () => {
    const log = new SlidingWindowLog({ limit: 100, windowMs: 10_000 });
    const times: number[] = [];
    // 100 at t=0, then one request per 100 ms: a refilling bucket would admit ~100 more before t=10 s.
    for (let i = 0; i < 100; i++) if (log.tryAcquire('c', 0).admitted) times.push(0);
    for (let t = 100; t < 10_000; t += 100) if (log.tryAcquire('c', t).admitted) times.push(t);
    expect(times).toHaveLength(100);
  });

  test('a clock stepping backwards never makes a wait longer than one window', () => {
    const log = new SlidingWindowLog({ limit: 1, windowMs: 1000 });
    log.tryAcquire('a', 1_000_000);
    expect(log.tryAcquire('a', 0)).toEqual({ admitted: false, waitMs: 1000 });
  });

  test('sweep forgets idle identities', () => {
    const log = new SlidingWindowLog({ limit: 1, windowMs: 1000 });
    log.tryAcquire('a', 0);
    log.tryAcquire('b', 900);
    log.sweep(1000);
    expect(log.identities).toBe(1);
  });

  test('property: never more than N admissions in any window, per identity, for any arrival pattern', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.array(fc.record({ at: fc.nat(5000), identity: fc.constantFrom('a', 'b', 'c') }), {
          maxLength: 60,
        }),
        (limit, windowMs, arrivals) => {
          const admitted = simulate(new SlidingWindowLog({ limit, windowMs }), arrivals);
          const total = [...admitted.values()].reduce((n, times) => n + times.length, 0);
          return (
            total === arrivals.length &&
            [...admitted.values()].every((t) => neverMoreThan(limit, windowMs, t))
          );
        },
      ),
    );
  });

  test('property: the wait it returns is exact: asking again after it is admitted if nobody else came', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.nat(3000), { minLength: 1, maxLength: 30 }),
        (limit, windowMs, offsets) => {
          const log = new SlidingWindowLog({ limit, windowMs });
          let now = 0;
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            now = Math.max(now, offset);
            const first = log.tryAcquire('x', now);
            if (!first.admitted) {
              now += first.waitMs;
              if (!log.tryAcquire('x', now).admitted) return false;
            }
          }
          return true;
        },
      ),
    );
  });
});

describe('acquireWithin', () => {
  const scripted = (admissions: Admission[]): Limiter => ({
    tryAcquire: async () => admissions.shift() ?? { admitted: true, at: -1 },
  });

  test('sleeps for the wait the limiter gives, then takes the slot', async () => {
    const clock = virtualClock(0);
    const at = await acquireWithin(
      scripted([
        { admitted: false, waitMs: 300 },
        { admitted: false, waitMs: 200 },
        { admitted: true, at: 500 },
      ]),
      'id',
      1000,
      clock,
    );
    expect(at).toBe(500);
    expect(clock.sleeps).toEqual([300, 200]);
  });

  test('fails fast with RATE_LIMITED + retryAfter when the wait passes the deadline', async () => {
    const clock = virtualClock(0);
    const refused: GatewayError[] = [];
    const error = await acquireWithin(scripted([{ admitted: false, waitMs: 2500 }]), 'id', 2000, clock, (e) =>
      refused.push(e),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfter: 3 } });
    expect(clock.sleeps).toEqual([]);
    expect(refused).toHaveLength(1);
  });

  test('a wait ending exactly at the deadline is still allowed', async () => {
    const clock = virtualClock(0);
    await acquireWithin(
      scripted([
        { admitted: false, waitMs: 2000 },
        { admitted: true, at: 2000 },
      ]),
      'id',
      2000,
      clock,
    );
    expect(clock.sleeps).toEqual([2000]);
  });
});

describe('parseScriptReply', () => {
  test('reads {1, now} and {0, wait}; rejects anything else', () => {
    expect(parseScriptReply([1, 1234])).toEqual({ admitted: true, at: 1234 });
    expect(parseScriptReply([0, 50])).toEqual({ admitted: false, waitMs: 50 });
    expect(() => parseScriptReply('OK')).toThrow();
    expect(() => parseScriptReply([0, 'x'])).toThrow();
  });
});
