import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import type { RedisConnection } from './redis.js';

/**
 * The shared response cache: Keyv over an in-process map by default, over Redis (through @keyv/redis, on the
 * connection the pacer also uses) when CACHE_URL is set. Reads and writes never throw: a broken or slow store
 * is a miss, and the request goes to SailPoint.
 */

export type CacheHealth = 'memory' | 'ok' | 'degraded';

export interface CacheStore {
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlMs` must be > 0; every entry has an explicit lifetime. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  health(): CacheHealth;
}

/**
 * A Map that forgets its least recently used entries beyond `maxEntries`. Keyv's default Map never evicts
 * (expired entries are only dropped when read again), which would grow without bound under varied queries.
 */
export class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly maxEntries: number) {
    super();
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      // Re-insert to mark as recently used (Map iterates in insertion order).
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: string, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.maxEntries) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      super.delete(oldest.value);
    }
    return this;
  }
}

/*
 * JSON instead of Keyv's default serializer: values are SailPoint JSON already, and JSON.parse is much faster on
 * lists of hundreds of items. Serializing at all (even in memory) matters: a resolver mutating a returned object
 * must not change the cached copy.
 */
const jsonSerialization = { serialize: JSON.stringify, deserialize: JSON.parse } as const;

export function createMemoryStore(maxEntries = 10_000): CacheStore {
  const keyv = new Keyv<unknown>({ store: new BoundedMap<unknown>(maxEntries), ...jsonSerialization });
  return {
    async get<T>(key: string) {
      return (await keyv.get(key)) as T | undefined;
    },
    async set(key, value, ttlMs) {
      await keyv.set(key, value, ttlMs);
    },
    health: () => 'memory',
  };
}

export function createRedisStore(connection: RedisConnection): CacheStore {
  // Errors must reach us (to mark Redis down and fall through to SailPoint), not be swallowed into `undefined`.
  const adapter = new KeyvRedis<unknown>(connection.client, {
    throwOnConnectError: true,
    throwOnErrors: true,
  });
  const keyv = new Keyv<unknown>({
    store: adapter,
    useKeyPrefix: false,
    throwOnErrors: true,
    ...jsonSerialization,
  });
  // Our keys carry their own `sgw:` prefix; Keyv's default "keyv" namespace would only add noise to them.
  keyv.namespace = undefined;
  // Failures are handled where each call is awaited; this only stops Keyv from treating them as unhandled.
  keyv.on('error', () => undefined);
  adapter.on('error', () => undefined);
  return {
    async get<T>(key: string) {
      try {
        return (await connection.run(() => keyv.get(key))) as T | undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value, ttlMs) {
      try {
        await connection.run(() => keyv.set(key, value, ttlMs));
      } catch {
        // A lost write only costs a later miss.
      }
    },
    health: () => (connection.state() === 'ok' ? 'ok' : 'degraded'),
  };
}
