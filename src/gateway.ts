/**
 * The composition root: builds each layer once and wires them together (DESIGN.md section 1). The request path
 * runs http/ -> graphql/ -> the domain resolvers -> their loaders -> upstream/ (cache, coalescing, pacing) ->
 * SailPoint (subscriptions enter through live/ on the same port); this file only connects those pieces and owns
 * their start and stop order.
 */
import http from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { toUpstreamConfig, type DemoTenantEndpoint, type GatewayConfig } from './config/index.js';
import { buildGatewaySchema } from './graphql/schema.js';
import { loadPersistedDocuments, type TrustedDocuments } from './graphql/persisted/manifest.js';
import { createGraphQLServer } from './graphql/server.js';
import { createApp, mountGraphQL } from './http/app.js';
import { landingPagePlugin } from './http/landing-page.js';
import { listen } from './http/listen.js';
import { applyServerLimits, httpServerOptions } from './http/server-limits.js';
import { createLiveHub } from './live/index.js';
import { Subscription } from './live/resolvers.js';
import { startLiveServer } from './live/server.js';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { createTracing, type TracingOptions } from './observability/tracing.js';
import { createUpstream } from './upstream/index.js';

export interface GatewayOptions {
  /** Root logger; defaults to JSON on stdout at `config.logLevel` with secrets redacted. */
  logger?: Logger;
  /** The running demo tenant; required in demo mode (no SAILPOINT_BASE_URL). */
  demoTenant?: DemoTenantEndpoint;
  /** Tracing overrides (tests pass an in-memory span exporter); tracing itself is on only when config says so. */
  tracing?: TracingOptions;
}

export interface Gateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** Scheme, host and port, for `/healthz`, `/readyz`, `/metrics`. */
  origin: string;
  port: number;
  metricsRegistry: Registry;
  /** Stops accepting connections, lets in-flight operations finish, then closes the upstream (Redis). */
  stop(): Promise<void>;
}

export async function createGateway(config: GatewayConfig, opts: GatewayOptions = {}): Promise<Gateway> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  for (const warning of config.warnings) logger.warn(warning);

  const metrics = createMetrics();
  const tracing = await createTracing(config.tracing, opts.tracing);
  const upstreamConfig = toUpstreamConfig(config, opts.demoTenant);
  const upstream = createUpstream(upstreamConfig, {
    logger: logger.child({ component: 'upstream' }),
    metrics,
  });
  // Upstream and tracing are the last to go on every path: whatever else was started has stopped before them.
  const release = async (): Promise<void> => {
    await upstream.close();
    // Exports the spans still batched (the last requests' traces), then closes the exporter.
    await tracing.shutdown();
  };
  let trusted: TrustedDocuments | undefined;
  try {
    trusted = await loadPersistedDocuments(config.persistedDocuments, logger);
  } catch (error) {
    await release();
    throw error;
  }
  const layers = { config, logger, metrics, upstream, trusted, tracing };
  const app = createApp(layers);
  const httpServer = http.createServer(httpServerOptions(config.httpServer), app);
  applyServerLimits(httpServer, config.httpServer);
  const schema = buildGatewaySchema({ Subscription });
  const apollo = createGraphQLServer({
    ...layers,
    schema,
    httpServer,
    landingPage: landingPagePlugin(config),
  });
  const hub = createLiveHub(config, {
    upstream,
    baseUrl: upstreamConfig.baseUrl,
    logger: logger.child({ component: 'live' }),
    metrics: metrics.live,
  });
  try {
    await apollo.start();
    // Redis is imported lazily (only with CACHE_URL): have it connecting before the first request, as when it was
    // imported with the server, rather than serving the first queries with per-process pacing.
    await upstream.started();
  } catch (error) {
    await hub.close();
    await release();
    throw error;
  }
  mountGraphQL(app, apollo, layers);
  const liveServer = startLiveServer({ ...layers, httpServer, schema, hub });

  let origin: string;
  try {
    origin = await listen(httpServer, config.port, config.host);
  } catch (error) {
    // e.g. EADDRINUSE: release what was started so the caller can exit or retry cleanly.
    await liveServer.close();
    await apollo.stop();
    await release();
    throw error;
  }
  const port = Number(new URL(origin).port);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        // Subscriptions first: stop polling, then close their sockets with 1001 (going away) after the events
        // already sent, so a client reconnects to another replica instead of waiting on this one.
        await liveServer.close();
        // apollo.stop() runs the drain plugin: close the listener, wait for in-flight requests, then stop.
        await apollo.stop();
      } finally {
        await release();
      }
    })();
    return stopping;
  };

  return { url: `${origin}/graphql`, origin, port, metricsRegistry: metrics.registry, stop };
}
