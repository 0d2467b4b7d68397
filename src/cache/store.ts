import type { RedisConnection } from './redis.js';

/**
 * The shared response cache: an in-process LRU by default, Redis (on the connection the pacer also uses) when
 * CACHE_URL is set. Reads and writes never throw: a broken or slow store is a miss, and the request goes to
 * SailPoint.
 *
 * Values are strings (the pipeline stores SailPoint's response text as received, see pipeline.ts), so neither
 * store serializes anything: a write costs no JSON.stringify of a parsed body, and a read's JSON.parse is also
 * the copy that keeps a resolver mutating its result from changing the cached entry.
 */

export type CacheHealth = 'memory' | 'ok' | 'degraded';

export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  /**
   * `ttlMs` must be > 0; every entry has an explicit lifetime. Never rejects. The write is issued before this
   * returns (the memory store has already stored it; Redis has the command queued on its connection, ahead of
   * any later read on it), so callers need not await it to read their own write.
   */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Resolves once every write started so far has completed or failed (for tests and shutdown). */
  flush(): Promise<void>;
  health(): CacheHealth;
}

interface LruEntry<V> {
  value: V;
  weight: number;
  /** Epoch ms (of the cache's clock) after which the entry is gone. */
  expires: number;
}

export interface LruCacheOptions<V> {
  maxEntries: number;
  /** Bound on the sum of `weigh(value)` over all entries. */
  maxWeight: number;
  weigh: (value: V) => number;
  now?: () => number;
}

/**
 * A TTL map that forgets its least recently used entries beyond `maxEntries` or `maxWeight`. A count alone
 * does not bound memory (one 600-activity page is ~100 KB, a by-id lookup ~1 KB); expired entries are dropped
 * when read and otherwise age out of the LRU order.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, LruEntry<V>>();
  private totalWeight = 0;
  private readonly now: () => number;

  constructor(private readonly options: LruCacheOptions<V>) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.now() > entry.expires) {
      this.totalWeight -= entry.weight;
      return undefined;
    }
    // Re-insert to mark as recently used (a Map iterates in insertion order).
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.delete(key);
    const weight = this.options.weigh(value);
    // An entry that alone exceeds the bound would only evict everything else and then itself.
    if (weight > this.options.maxWeight) return;
    this.entries.set(key, { value, weight, expires: this.now() + ttlMs });
    this.totalWeight += weight;
    while (this.entries.size > this.options.maxEntries || this.totalWeight > this.options.maxWeight) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }
}

export interface MemoryStoreOptions {
  maxEntries?: number;
  /** Bound on the cached text, in UTF-16 code units (~bytes: SailPoint JSON is almost all one-byte). */
  maxChars?: number;
}

/**
 * 32 Mi characters: a few thousand typical pages. Sized for a replica's RSS (the gateway itself idles at ~100 MB)
 * rather than for hit rate: entries live for seconds to minutes (CACHE_TTL_SECONDS), so a larger cache mostly
 * holds entries nobody reads again.
 */
const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  const cache = new LruCache<string>({
    maxEntries: options.maxEntries ?? 10_000,
    maxWeight: options.maxChars ?? DEFAULT_MAX_CHARS,
    weigh: (value) => value.length + 64,
  });
  const done = Promise.resolve();
  return {
    get: (key) => Promise.resolve(cache.get(key)),
    set(key, value, ttlMs) {
      cache.set(key, value, ttlMs);
      return done;
    },
    flush: () => done,
    health: () => 'memory',
  };
}

export function createRedisStore(connection: RedisConnection): CacheStore {
  const pending = new Set<Promise<void>>();
  return {
    async get(key) {
      try {
        const value = await connection.run((client) => client.get(key));
        return typeof value === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value, ttlMs) {
      // Plain SET with PX: Redis expires the entry itself. `run` calls the command synchronously, so it is
      // queued on the connection before this returns.
      const write = connection
        .run((client) =>
          client.set(key, value, { expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } }),
        )
        .then(
          () => undefined,
          // A lost write only costs a later miss; `run` has already marked Redis down (and logged it once).
          () => undefined,
        );
      pending.add(write);
      void write.then(() => pending.delete(write));
      return write;
    },
    async flush() {
      await Promise.all([...pending]);
    },
    health: () => (connection.state() === 'ok' ? 'ok' : 'degraded'),
  };
}
