import { GatewayError } from '../../../src/core/errors.js';
import { FairPacer, type Grant } from '../../../src/cache/fair.js';
import { createMemoryLimiter } from '../../../src/cache/pacer.js';
import { virtualClock } from '../upstream/fakes.js';

function pacer(
  rate: { limit: number; windowMs: number },
  options: { concurrency?: number; share?: number } = {},
) {
  const clock = virtualClock(0);
  const fair = new FairPacer(createMemoryLimiter(rate, clock.now), clock, {
    limit: rate.limit,
    callerConcurrency: options.concurrency ?? Number.POSITIVE_INFINITY,
    callerSharePercent: options.share ?? 100,
  });
  return { clock, fair };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('FairPacer', () => {
  it('caps one caller at callerConcurrency in flight; its next request starts when one is released', async () => {
    const { fair } = pacer({ limit: 100, windowMs: 1000 }, { concurrency: 2 });
    const a1 = await fair.acquire({ identity: 'sp', caller: 'A', deadline: 10_000 });
    await fair.acquire({ identity: 'sp', caller: 'A', deadline: 10_000 });
    let third: Grant | undefined;
    void fair.acquire({ identity: 'sp', caller: 'A', deadline: 10_000 }).then((g) => (third = g));
    // Another caller is not held back by A's cap.
    await fair.acquire({ identity: 'sp', caller: 'B', deadline: 10_000 });
    await flush();
    expect(third).toBeUndefined();
    a1.release();
    await flush();
    expect(third).toBeDefined();
  });

  it('lets callers take turns once the budget is full: B is served before the rest of A', async () => {
    const { fair } = pacer({ limit: 1, windowMs: 1000 });
    const order: string[] = [];
    const take = (caller: string, name: string) =>
      fair.acquire({ identity: 'sp', caller, deadline: 100_000 }).then((grant) => {
        order.push(name);
        grant.release();
      });
    await Promise.all([take('A', 'a1'), take('A', 'a2'), take('A', 'a3'), take('A', 'a4'), take('B', 'b1')]);
    // First come first served would be a1 a2 a3 a4 b1.
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('holds one caller to its share of the window while another still gets slots at once', async () => {
    const { fair, clock } = pacer({ limit: 10, windowMs: 1000 }, { share: 50 });
    for (let i = 0; i < 5; i++)
      (await fair.acquire({ identity: 'sp', caller: 'A', deadline: 500 })).release();
    const refused: GatewayError[] = [];
    const sixth = await fair
      .acquire({ identity: 'sp', caller: 'A', deadline: 500, onRefused: (e) => refused.push(e) })
      .catch((error: unknown) => error);
    expect(sixth).toBeInstanceOf(GatewayError);
    expect((sixth as GatewayError).code).toBe('RATE_LIMITED');
    expect(refused).toHaveLength(1);
    // B's five fit beside A's five without waiting.
    for (let i = 0; i < 5; i++)
      (await fair.acquire({ identity: 'sp', caller: 'B', deadline: 500 })).release();
    expect(clock.sleeps).toEqual([]);
  });

  it('waits for a share that frees within the deadline', async () => {
    const { fair, clock } = pacer({ limit: 10, windowMs: 1000 }, { share: 10 });
    (await fair.acquire({ identity: 'sp', caller: 'A', deadline: 5000 })).release();
    const grant = await fair.acquire({ identity: 'sp', caller: 'A', deadline: 5000 });
    expect(grant.at).toBeGreaterThanOrEqual(1000);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
  });

  it('fails at once with RATE_LIMITED whoever cannot get a slot before the deadline, and frees the cap', async () => {
    const { fair } = pacer({ limit: 1, windowMs: 1000 }, { concurrency: 1 });
    (await fair.acquire({ identity: 'sp', caller: 'A', deadline: 5000 })).release();
    await expect(fair.acquire({ identity: 'sp', caller: 'B', deadline: 500 })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(fair.activeCallers).toBe(0);
  });

  it('gives a request its own share percent (a kind of work such as live polling)', async () => {
    const { fair } = pacer({ limit: 10, windowMs: 1000 }, { share: 100 });
    const poll = () => fair.acquire({ identity: 'sp', caller: 'live', sharePercent: 20, deadline: 100 });
    (await poll()).release();
    (await poll()).release();
    await expect(poll()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
