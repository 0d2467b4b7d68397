// Taking a slot from a limiter: acquireWithin's waits and deadline, and the Redis limiter's script reply.
import { GatewayError } from '../../../src/core/errors.js';
import { acquireWithin, type Admission, type Limiter } from '../../../src/cache/pacer.js';
import { parseScriptReply } from '../../../src/cache/pacer-redis.js';
import { virtualClock } from '../upstream/fakes.js';

describe('acquireWithin', () => {
  const scripted = (admissions: Admission[], holds: number[] = []): Limiter => ({
    tryAcquire: async (_identity, holdMs) => {
      holds.push(holdMs);
      return admissions.shift() ?? { admitted: true, at: -1, ticket: 't' };
    },
    complete: async () => undefined,
  });

  test('sleeps for the wait the limiter gives, then takes the slot', async () => {
    const clock = virtualClock(0);
    const holds: number[] = [];
    const slot = await acquireWithin(
      scripted(
        [
          { admitted: false, waitMs: 300 },
          { admitted: false, waitMs: 200 },
          { admitted: true, at: 500, ticket: 't1' },
        ],
        holds,
      ),
      'id',
      1000,
      clock,
      { holdUntil: 1500 },
    );
    expect(slot).toEqual({ at: 500, ticket: 't1' });
    expect(clock.sleeps).toEqual([300, 200]);
    // The in-flight hold shrinks as time passes: it is a bound on when the request is over, not a duration.
    expect(holds).toEqual([1500, 1200, 1000]);
  });

  test('fails fast with RATE_LIMITED + retryAfter when the wait passes the deadline', async () => {
    const clock = virtualClock(0);
    const refused: GatewayError[] = [];
    const error = await acquireWithin(scripted([{ admitted: false, waitMs: 2500 }]), 'id', 2000, clock, {
      onRefused: (e) => refused.push(e),
    }).catch((e: unknown) => e);
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
        { admitted: true, at: 2000, ticket: 't' },
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
    expect(parseScriptReply([1, 1234], 'tk')).toEqual({ admitted: true, at: 1234, ticket: 'tk' });
    expect(parseScriptReply([0, 50])).toEqual({ admitted: false, waitMs: 50 });
    expect(() => parseScriptReply('OK')).toThrow();
    expect(() => parseScriptReply([0, 'x'])).toThrow();
  });
});
