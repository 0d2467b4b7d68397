import { Coalescer } from '../../../src/cache/coalesce.js';
import { reconnectDelay, RedisUnavailableError, withTimeout } from '../../../src/cache/redis.js';
import { BoundedMap, createMemoryStore } from '../../../src/cache/store.js';

describe('memory store', () => {
  test('round trip, copies out, health is memory', async () => {
    const store = createMemoryStore();
    const value = { items: [{ id: 'a' }], totalCount: 1 };
    await store.set('k', value, 10_000);
    const read = await store.get<typeof value>('k');
    expect(read).toEqual(value);
    expect(read).not.toBe(value);
    expect(await store.get('missing')).toBeUndefined();
    expect(store.health()).toBe('memory');
  });

  test('entries expire after their TTL', async () => {
    const store = createMemoryStore();
    await store.set('k', 1, 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.get('k')).toBeUndefined();
  });

  test('bounded: the least recently used entries go first', () => {
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['a', 'c']);
  });
});

describe('Coalescer', () => {
  test('shares one promise while in flight, then forgets it (also after a failure)', async () => {
    const coalescer = new Coalescer();
    let starts = 0;
    let fail: (error: Error) => void = () => undefined;
    const start = () => {
      starts += 1;
      return new Promise<number>((_resolve, reject) => (fail = reject));
    };
    const first = coalescer.run('k', start);
    const second = coalescer.run('k', start);
    expect(first.shared).toBe(false);
    expect(second.shared).toBe(true);
    expect(coalescer.run('other', async () => 1).shared).toBe(false);
    fail(new Error('boom'));
    await expect(first.promise).rejects.toThrow('boom');
    await expect(second.promise).rejects.toThrow('boom');
    expect(starts).toBe(1);
    await Promise.resolve();
    expect(coalescer.run('k', async () => 2).shared).toBe(false);
  });
});

describe('redis helpers', () => {
  test('withTimeout abandons a slow operation and ignores its late failure', async () => {
    let rejectLate: (error: Error) => void = () => undefined;
    const slow = new Promise<never>((_resolve, reject) => (rejectLate = reject));
    await expect(withTimeout(slow, 10)).rejects.toBeInstanceOf(RedisUnavailableError);
    rejectLate(new Error('late'));
    await expect(withTimeout(Promise.resolve(5), 10)).resolves.toBe(5);
  });

  test('reconnect delay grows and is capped (and never gives up)', () => {
    expect([0, 1, 2, 3, 10, 1000].map(reconnectDelay)).toEqual([50, 100, 200, 400, 2000, 2000]);
  });
});
