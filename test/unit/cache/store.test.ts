import { Coalescer } from '../../../src/cache/coalesce.js';
import { reconnectDelay, RedisUnavailableError, withTimeout } from '../../../src/cache/redis.js';
import { createMemoryStore, LruCache } from '../../../src/cache/store.js';

describe('memory store', () => {
  test('round trip of strings (nothing serialized), health is memory', async () => {
    const store = createMemoryStore();
    const value = '[{"id":"a"}]';
    await store.set('k', value, 10_000);
    expect(await store.get('k')).toBe(value);
    expect(await store.get('missing')).toBeUndefined();
    expect(store.health()).toBe('memory');
    await expect(store.flush()).resolves.toBeUndefined();
  });

  test('a write is readable at once, without awaiting it', async () => {
    const store = createMemoryStore();
    void store.set('k', 'v', 10_000);
    expect(await store.get('k')).toBe('v');
  });

  test('entries expire after their TTL', async () => {
    const store = createMemoryStore();
    await store.set('k', '1', 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.get('k')).toBeUndefined();
  });

  test('bounded in total size: the least recently used entries go first', async () => {
    const store = createMemoryStore({ maxChars: 3 * (100 + 64) });
    for (const key of ['a', 'b', 'c']) await store.set(key, 'x'.repeat(100), 10_000);
    await store.get('a');
    await store.set('d', 'x'.repeat(100), 10_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('d')).toBeDefined();
    // An entry larger than the whole bound is not stored (and evicts nothing).
    await store.set('huge', 'x'.repeat(1000), 10_000);
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
  });
});

describe('LruCache', () => {
  const lru = (maxEntries: number, maxWeight = 1_000_000) => {
    let now = 0;
    const cache = new LruCache<number>({ maxEntries, maxWeight, weigh: (v) => v, now: () => now });
    return { cache, advance: (ms: number) => (now += ms) };
  };

  test('bounded in entries: the least recently used go first', () => {
    const { cache } = lru(2);
    cache.set('a', 1, 1000);
    cache.set('b', 2, 1000);
    cache.get('a');
    cache.set('c', 3, 1000);
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.weight).toBe(4);
  });

  test('bounded in weight, and the weight follows replacements, expiry and eviction', () => {
    const { cache, advance } = lru(100, 10);
    cache.set('a', 4, 1000);
    cache.set('b', 4, 50);
    cache.set('a', 5, 1000);
    expect(cache.weight).toBe(9);
    cache.set('c', 3, 1000);
    expect(cache.keys()).toEqual(['a', 'c']);
    advance(2000);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.weight).toBe(3);
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
