/**
 * What `createUpstream` is configured with: the tenant, its path style, auth mode, timeouts, pacing and cache.
 * Separate from the REST shapes in types.ts because config/ builds it from the environment and only the upstream
 * layer's own modules read it; no resolver or loader ever needs it.
 */

/** Which path style to call: per-service `/workflows/v1/...` or a legacy prefix `/v2025/workflows/...`. */
export type ApiPaths = 'v1' | 'v2025' | 'v2024' | 'beta';

export interface UpstreamConfig {
  /** e.g. https://acme.api.identitynow.com (no trailing slash) */
  baseUrl: string;
  apiPaths: ApiPaths;
  /** pass-through: forward the caller's bearer token; service: client-credentials token of the gateway. */
  auth: { mode: 'pass-through' } | { mode: 'service'; clientId: string; clientSecret: string };
  timeoutMs: number;
  maxRetries: number;
  /** Pacing per credential: never more than `requests` in any `windowMs`. */
  rateLimit: { requests: number; windowMs: number };
  /**
   * Share (percent) of `rateLimit` that live-subscription polls (`CallContext.live`) may use, so that queries
   * always keep the rest. Default 50.
   */
  livePollBudgetPercent?: number;
  /** Fair sharing of the rate budget between callers (cache/fair.ts); absent = turns only, no cap or share. */
  fairness?: { callerConcurrency: number; callerSharePercent: number };
  cache: {
    /** unset = in-memory LRU; redis://... = Redis (also shares the rate budget across replicas) */
    url?: string;
    ttlSeconds: number;
    workflowTtlSeconds: number;
    /**
     * Bound of the in-memory store's entries, in bytes of cached text (CACHE_MAX_BYTES); both caches share it.
     * Absent: the store's default. Redis bounds itself (its own maxmemory).
     */
    maxBytes?: number;
    /**
     * A Redis command (cache read, pacing script) not answered within this is abandoned and the call goes on
     * without it: the cache is an accelerator, never a dependency (DESIGN.md section 5). Default 250.
     */
    commandTimeoutMs?: number;
  };
}
