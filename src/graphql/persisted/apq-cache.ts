/**
 * Automatic persisted queries on the shared store: Apollo's APQ cache (a KeyValueCache) over the same Keyv store
 * as the upstream and response caches, so a hash registered on one replica is found on every replica sharing
 * CACHE_URL. Bounded: every entry expires after APQ_TTL_SECONDS, a document over MAX_APQ_DOCUMENT_CHARS is never
 * stored (the client then keeps sending its text, which still works), and in memory the store's LRU byte bound
 * covers these entries with the others. Reads and writes never throw: a broken Redis is a PERSISTED_QUERY_NOT_FOUND,
 * after which Apollo's clients resend the text.
 */
import { KEY_PREFIX } from '../../cache/keys.js';
import type { CacheStore } from '../../cache/store.js';

/** 64 KiB of document text: far above what MAX_TOKENS lets through parsing, far below a page of data. */
export const MAX_APQ_DOCUMENT_CHARS = 64 * 1024;

/** The part of Apollo's `KeyValueCache<string>` that its APQ support uses. */
export interface ApqCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export function apqCache(store: CacheStore, ttlSeconds: number): ApqCache {
  // Apollo passes `apq:<sha256>`; the gateway's prefix makes it `sgw:apq:<sha256>` in Redis.
  const key = (apolloKey: string): string => `${KEY_PREFIX}${apolloKey}`;
  return {
    get: (apolloKey) => store.get(key(apolloKey)),
    async set(apolloKey, value) {
      if (value.length > MAX_APQ_DOCUMENT_CHARS) return;
      // Our TTL, not the caller's: every entry must have one, and Apollo passes none by default.
      await store.set(key(apolloKey), value, ttlSeconds * 1000);
    },
    // Apollo never deletes APQ entries; the store has no delete, and entries expire on their own.
    delete: async () => false,
  };
}
