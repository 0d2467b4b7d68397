/**
 * The upstream layer: the one place that talks to SailPoint. `createUpstream` builds, once per process, the got
 * instance, the caller-auth resolution (pass-through token or client credentials), the shared response cache,
 * request coalescing and the cross-replica pacer, and hands out a per-request `SailPointClient`. It knows
 * nothing of GraphQL or HTTP serving: callers ask for typed pages and entities, and failures come back as the
 * gateway's typed errors (core/errors.ts).
 *
 * The folder: types.ts (the DTOs and the interfaces the gateway calls through), config.ts (what it is built
 * with), telemetry.ts (the metrics and tracing ports), client.ts (one method per endpoint) over endpoints.ts (the
 * paths), pipeline.ts (cache, coalescing; entries in cache-entry.ts) over send.ts (pacing and retries, decided in
 * retry.ts), http.ts (got, one attempt), parse.ts (response text), auth.ts and service-token.ts (caller auth and
 * the gateway's own token), errors.ts (failures to GatewayErrors), traced.ts (a span per call), clock.ts (time).
 */
import type { Logger } from 'pino';
import { Coalescer } from '../cache/coalesce.js';
import { FairPacer } from '../cache/fair.js';
import { callerKey, credentialHash } from '../cache/keys.js';
import { createMemoryLimiter } from '../cache/pacer.js';
import { createRedisLimiter } from '../cache/pacer-redis.js';
import { createRedisConnection } from '../cache/redis.js';
import { createMemoryStore, createRedisStore } from '../cache/store.js';
import { GatewayError } from '../core/errors.js';
import { resolveCallerAuth, ServiceTokenSource } from './auth.js';
import { failingClient, SailPointClient } from './client.js';
import { systemClock, type Clock } from './clock.js';
import type { UpstreamConfig } from './config.js';
import { createHttp, createTransport } from './http.js';
import { createExecutor } from './pipeline.js';
import { fetchServiceToken } from './service-token.js';
import type { UpstreamMetrics } from './telemetry.js';
import type { Upstream } from './types.js';

export type { CallerCredential } from '../core/credential.js';
export type { UpstreamConfig } from './config.js';
export type { UpstreamMetrics } from './telemetry.js';
export type { Upstream, UpstreamClient, CallContext } from './types.js';

export interface UpstreamDeps {
  logger: Logger;
  metrics: UpstreamMetrics;
  /** Tests inject time; production uses the system clock. */
  clock?: Clock;
}

/**
 * Builds the upstream layer once per gateway: one got instance, one cache store, one pacer, one coalescer, one
 * service token. `forCaller` binds them to a caller per GraphQL request.
 */
export function createUpstream(config: UpstreamConfig, deps: UpstreamDeps): Upstream {
  const { logger, metrics } = deps;
  const clock = deps.clock ?? systemClock;
  const http = createHttp(config);
  const redis = config.cache.url
    ? createRedisConnection(config.cache.url, {
        logger: logger.child({ component: 'cache' }),
        now: clock.now,
        ...(config.cache.commandTimeoutMs !== undefined
          ? { commandTimeoutMs: config.cache.commandTimeoutMs }
          : {}),
      })
    : undefined;
  const store = redis
    ? createRedisStore(redis)
    : createMemoryStore(config.cache.maxBytes !== undefined ? { maxChars: config.cache.maxBytes } : {});
  const rate = { limit: config.rateLimit.requests, windowMs: config.rateLimit.windowMs };
  const limiter = redis
    ? createRedisLimiter(redis, rate, { logger: logger.child({ component: 'pacer' }), now: clock.now })
    : createMemoryLimiter(rate, clock.now);
  // The poll share: at least one request per window, so a tiny budget still lets polls through slowly.
  const liveRate = {
    limit: Math.max(1, Math.floor((rate.limit * (config.livePollBudgetPercent ?? 50)) / 100)),
    windowMs: rate.windowMs,
  };
  const liveLimiter = redis
    ? createRedisLimiter(redis, liveRate, { logger: logger.child({ component: 'pacer' }), now: clock.now })
    : createMemoryLimiter(liveRate, clock.now);
  const auth = config.auth;
  const serviceTokens =
    auth.mode === 'service'
      ? new ServiceTokenSource(
          () =>
            fetchServiceToken(http, auth, { timeoutMs: config.timeoutMs, metrics, logger, now: clock.now }),
          clock.now,
        )
      : undefined;
  const pipelineDeps = {
    config,
    store,
    coalescer: new Coalescer(),
    liveLimiter,
    pacer: new FairPacer(limiter, clock, {
      limit: rate.limit,
      callerConcurrency: config.fairness?.callerConcurrency ?? Number.POSITIVE_INFINITY,
      callerSharePercent: config.fairness?.callerSharePercent ?? 100,
    }),
    transport: createTransport(http),
    metrics,
    clock,
  };

  return {
    forCaller(credential, call) {
      const hash = credentialHash(credential);
      const callerAuth = resolveCallerAuth(auth, credential, hash, serviceTokens);
      if (callerAuth instanceof GatewayError) return failingClient(callerAuth);
      const bound =
        call.callerKey !== undefined
          ? call
          : { ...call, callerKey: callerKey(credential, hash, call.clientAddress) };
      return new SailPointClient(createExecutor(pipelineDeps, bound, callerAuth, hash), config.apiPaths);
    },
    credentialHash,
    shared: { store, baseUrl: config.baseUrl },
    health: () => ({ cache: store.health() }),
    flush: () => store.flush(),
    started: async () => {
      await redis?.started();
    },
    async close() {
      // Pending cache writes first: they were started for responses already sent.
      await store.flush();
      await redis?.close();
    },
  };
}
