import type { Logger } from 'pino';
import type { Loaders } from './loaders.js';
import type { UpstreamClient } from './upstream/types.js';

/** Who is calling, as far as caching and isolation care. Never holds the raw credential. */
export interface Viewer {
  /** How the upstream credential was obtained. */
  mode: 'pass-through' | 'service' | 'demo';
  /**
   * Stable, non-reversible hash of the caller's credential (bearer token, or API key in service mode).
   * Cache keys and coalescing keys derive from it, so one caller's entries are never served to another.
   */
  credentialHash: string;
}

/** What one operation cost upstream; reported as `extensions.upstream` on every response. */
export interface UpstreamStats {
  /** Data requests sent to SailPoint, retries included, token fetches excluded. */
  requests: number;
  cacheHits: number;
  coalesced: number;
  durationMs: number;
}

/** Per-request context. Built by the context function in server.ts; nothing request-scoped lives elsewhere. */
export interface Context {
  requestId: string;
  viewer: Viewer;
  /** SailPoint client bound to this caller's credential. */
  client: UpstreamClient;
  /** DataLoaders of this request (memoise and batch upstream reads within one operation). */
  loaders: Loaders;
  logger: Logger;
  stats: UpstreamStats;
  /** Largest `first`/`last` a caller may ask for (MAX_PAGE_SIZE). */
  maxPageSize: number;
}
