/**
 * Live subscriptions (README "Live data"): the graphql-ws transport (server.ts), the `Subscription` fields
 * (resolvers.ts), one poller per caller identity and upstream query (hub.ts, poller.ts, feeds.ts), and how
 * replicas share them (coordination.ts; redis-coordination.ts with CACHE_URL). auth.ts reads a connection's
 * credential from `connection_init`, document.ts applies the query limits to subscription documents, and
 * stream.ts turns a poller's events into the async iterator graphql-ws consumes.
 */
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/index.js';
import type { LiveMetrics } from '../observability/metrics.js';
import type { Upstream } from '../upstream/types.js';
import { localCoordination, type Coordination } from './coordination.js';
import { LiveHub } from './hub.js';
import { createRedisCoordination } from './redis-coordination.js';

/** Redis when CACHE_URL is set (one poller per key across the replicas that share it), else per replica. */
export function createCoordination(config: GatewayConfig, logger: Logger): Coordination {
  const url = config.upstream.cache.url;
  if (url === undefined) return localCoordination;
  return createRedisCoordination({
    url,
    leaseMs: config.live.leaseMs,
    pollIntervalMs: config.live.pollIntervalMs,
    commandTimeoutMs: config.upstream.cache.commandTimeoutMs ?? 250,
    logger,
  });
}

/** The gateway's one hub: its pollers share the upstream layer, and replicas coordinate as configured. */
export function createLiveHub(
  config: GatewayConfig,
  deps: { upstream: Upstream; baseUrl: string; logger: Logger; metrics: LiveMetrics },
): LiveHub {
  return new LiveHub({
    upstream: deps.upstream,
    coordination: createCoordination(config, deps.logger),
    baseUrl: deps.baseUrl,
    pollIntervalMs: config.live.pollIntervalMs,
    leaseMs: config.live.leaseMs,
    requestTimeoutMs: config.requestTimeoutMs,
    logger: deps.logger,
    metrics: deps.metrics,
  });
}
