// SlidingWindowLog admission: exact waits, no token-bucket bursts, backwards clocks, sweeping, and the window
// limit as a property over any arrival pattern.
import fc from 'fast-check';
import { SlidingWindowLog } from '../../../src/cache/pacer.js';
import { neverMoreThan } from './support.js';

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
    expect(log.tryAcquire('a', 0)).toMatchObject({ admitted: true, at: 0 });
    expect(log.tryAcquire('a', 100)).toMatchObject({ admitted: true, at: 100 });
    expect(log.tryAcquire('a', 200)).toMatchObject({ admitted: true, at: 200 });
    expect(log.tryAcquire('a', 300)).toEqual({ admitted: false, waitMs: 700 });
    expect(log.tryAcquire('b', 300)).toMatchObject({ admitted: true, at: 300 });
    expect(log.tryAcquire('a', 999)).toEqual({ admitted: false, waitMs: 1 });
    expect(log.tryAcquire('a', 1000)).toMatchObject({ admitted: true, at: 1000 });
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
