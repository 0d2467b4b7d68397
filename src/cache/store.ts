/**
 * The cache layer: what upstream/ uses to avoid and to pace SailPoint calls. store.ts is the shared response
 * cache (Keyv, memory or Redis), keys.ts the per-caller cache keys, coalesce.ts in-flight request sharing,
 * pacer.ts the cross-replica rate budget (pacer-redis.ts, its Redis form), fair.ts fair turns between callers
 * that share one budget, redis.ts the one Redis connection. It imports only core/.
 */
import type KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { RedisClient, RedisConnection } from './redis.js';

/**
 * The shared response cache: Keyv over a size-bounded in-process LRU by default, Keyv over @keyv/redis (on the
 * connection the pacer also uses) when CACHE_URL is set. Reads and writes never throw: a broken or slow store is a
 * miss, and the request goes to SailPoint.
 *
 * Values are strings (the pipeline stores SailPoint's response text as received, see upstream/cache-entry.ts): a write costs
 * no JSON.stringify of a parsed body, and a read's JSON.parse is also the copy that keeps a resolver mutating its
 * result from changing the cached entry.
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
  /**
   * Bound on the cached text, in UTF-16 code units: bytes for the Latin-1 text V8 keeps one byte per character
   * (SailPoint's JSON, nearly always); a text with other characters takes two bytes each and counts one.
   */
  maxChars?: number;
}

/**
 * 8 Mi characters (bytes: SailPoint's JSON is Latin-1 text, which V8 stores one byte per character), the default
 * of CACHE_MAX_BYTES: ~700 S1-sized pages or ~18 pages of 250 activities. Sized for a replica's RSS rather than
 * for hit rate: entries live for seconds to minutes (CACHE_TTL_SECONDS), so a larger cache mostly holds entries
 * nobody reads again, and `npm run bench:soak` plateaued at 177 MiB with 32 Mi against 139 MiB with 8 Mi.
 */
const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/**
 * What both stores share: Keyv in front of a store, with every started write tracked so that a read of the same
 * key waits for it (read-your-own-write although the pipeline does not await writes) and `flush` can wait for all.
 * `run` wraps each Keyv call (the Redis store adds its command cut-off there); failures are misses.
 */
function keyvStore(
  run: <T>(operation: (keyv: Keyv<string>) => Promise<T>) => Promise<T>,
  health: () => CacheHealth,
): CacheStore {
  const pending = new Map<string, Promise<void>>();
  return {
    async get(key) {
      await pending.get(key);
      try {
        const value = await run((keyv) => keyv.get(key));
        return typeof value === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value, ttlMs) {
      const write = run((keyv) => keyv.set(key, value, Math.max(1, Math.ceil(ttlMs)))).then(
        () => undefined,
        // A lost write only costs a later miss; the Redis connection has already marked itself down (logged once).
        () => undefined,
      );
      pending.set(key, write);
      void write.then(() => {
        if (pending.get(key) === write) pending.delete(key);
      });
      return write;
    },
    async flush() {
      await Promise.all([...pending.values()]);
    },
    health,
  };
}

export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  // Keyv stores `{ value, expires }` entries; with serialize/deserialize off they stay objects in the LRU, so a
  // write costs no JSON.stringify of SailPoint's text and a read no JSON.parse of the wrapper.
  const lru = new LruCache<{ value?: unknown }>({
    maxEntries: options.maxEntries ?? 10_000,
    maxWeight: options.maxChars ?? DEFAULT_MAX_CHARS,
    weigh: (entry) => (typeof entry.value === 'string' ? entry.value.length : 0) + 64,
  });
  const keyv = new Keyv<string>({
    store: {
      get: (key: string) => lru.get(key),
      set: (key: string, entry: { value?: unknown }, ttl?: number) => {
        lru.set(key, entry, ttl ?? Number.POSITIVE_INFINITY);
        return true;
      },
      delete: (key: string) => {
        const had = lru.get(key) !== undefined;
        lru.delete(key);
        return had;
      },
      clear: () => {
        for (const key of lru.keys()) lru.delete(key);
      },
    },
    serialize: undefined,
    deserialize: undefined,
    useKeyPrefix: false,
    throwOnErrors: true,
  });
  return keyvStore(
    (operation) => operation(keyv),
    () => 'memory',
  );
}

export function createRedisStore(connection: RedisConnection): CacheStore {
  // One Keyv over @keyv/redis per underlying client (the connection shares it with the pacer), built on first use
  // because `redis` is imported lazily, only when CACHE_URL is set.
  let bound: { client: RedisClient; keyv: Keyv<string> } | undefined;
  let adapter: Promise<typeof KeyvRedis> | undefined;
  const keyvFor = async (client: RedisClient): Promise<Keyv<string>> => {
    const KeyvRedis = await (adapter ??= import('@keyv/redis').then((module) => module.default));
    if (bound?.client !== client) {
      const keyv = new Keyv<string>({
        store: new KeyvRedis(client as unknown as ConstructorParameters<typeof KeyvRedis>[0], {
          throwOnErrors: true,
        }),
        useKeyPrefix: false,
        throwOnErrors: true,
      });
      // Our keys carry their own `sgw:cache:` prefix; Keyv's default namespace would prepend `keyv::`.
      keyv.namespace = undefined;
      // Errors also reject the call (throwOnErrors), which `run` turns into a miss; the event needs a listener.
      keyv.on('error', () => undefined);
      bound = { client, keyv };
    }
    return bound.keyv;
  };
  return keyvStore(
    (operation) => connection.run(async (client) => operation(await keyvFor(client))),
    () => (connection.state() === 'ok' ? 'ok' : 'degraded'),
  );
}
