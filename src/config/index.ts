/**
 * Configuration: the environment (DESIGN.md section 2) read once into a typed, validated `GatewayConfig`. A bad
 * value stops the start with a message naming every invalid variable. Everything else receives config injected.
 *
 * This folder: index.ts reads the variables, types.ts declares them and the config's shape, parse.ts parses
 * single values (recording problems, never secrets), persisted.ts reads the persisted-document settings.
 */
import type { ApiPaths, UpstreamConfig } from '../upstream/config.js';
import { envReader, parseBaseUrl, parseRateLimit, parseResponseCacheFields, parseTracing } from './parse.js';
import { persistedDocumentsConfig } from './persisted.js';
import {
  ConfigError,
  LOG_LEVELS,
  type DemoTenantEndpoint,
  type Env,
  type GatewayConfig,
  type GatewayMode,
  type LogLevel,
} from './types.js';

export * from './types.js';
export { parseRateLimit } from './parse.js';

/** Default bound of the in-memory cache (CACHE_MAX_BYTES), chosen from `npm run bench:soak` (README memory model). */
export const DEFAULT_CACHE_MAX_BYTES = 8 * 1024 * 1024;

const API_PATHS: readonly ApiPaths[] = ['v1', 'v2025', 'v2024', 'beta'];
// A shorter key is guessable in an online attack; 16 random characters is the floor, not the advice.
const MIN_API_KEY_LENGTH = 16;

/**
 * Reads and validates the gateway configuration. Pure: no I/O, no defaults from anywhere but this file.
 * An empty string counts as unset (compose files and CI often set `VAR=`).
 */
export function loadConfig(env: Env): GatewayConfig {
  const problems: string[] = [];
  const reader = envReader(env, problems);
  const { read, int, bool, list } = reader;

  const nodeEnv = read('NODE_ENV');
  const production = nodeEnv === 'production';

  const port = int('PORT', 4000, 0, 65535);
  // Loopback unless told otherwise: `npm start` on a laptop must not expose a service account to the LAN.
  // Containers set HOST=0.0.0.0 (Dockerfile, docker-compose.yml).
  const host = read('HOST') ?? '127.0.0.1';
  if (/\s/.test(host)) problems.push(`HOST: must be a host name or IP address, got "${host}"`);

  const logLevelRaw = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}"`);

  const baseUrl = parseBaseUrl(read('SAILPOINT_BASE_URL'), problems);

  const apiPathsRaw = read('SAILPOINT_API_PATHS') ?? 'v1';
  let apiPaths: ApiPaths = 'v1';
  if ((API_PATHS as readonly string[]).includes(apiPathsRaw)) apiPaths = apiPathsRaw as ApiPaths;
  else problems.push(`SAILPOINT_API_PATHS: expected one of ${API_PATHS.join(', ')}, got "${apiPathsRaw}"`);

  const clientId = read('SAILPOINT_CLIENT_ID');
  const clientSecret = read('SAILPOINT_CLIENT_SECRET');
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    problems.push(
      `${clientId === undefined ? 'SAILPOINT_CLIENT_ID' : 'SAILPOINT_CLIENT_SECRET'}: must be set together with ` +
        `${clientId === undefined ? 'SAILPOINT_CLIENT_SECRET' : 'SAILPOINT_CLIENT_ID'} (both = service mode, ` +
        'neither = pass-through mode)',
    );
  }
  const hasBaseUrlVar = read('SAILPOINT_BASE_URL') !== undefined;
  if (!hasBaseUrlVar && (clientId !== undefined || clientSecret !== undefined)) {
    // Demo mode uses the demo tenant's own client; real credentials without a tenant URL are a mistake.
    problems.push(
      'SAILPOINT_CLIENT_ID/SAILPOINT_CLIENT_SECRET: set SAILPOINT_BASE_URL too (unset = demo tenant)',
    );
  }

  const mode: GatewayMode = !hasBaseUrlVar
    ? 'demo'
    : clientId !== undefined && clientSecret !== undefined
      ? 'service'
      : 'pass-through';

  // Demo mode serves the demo tenant's service account to anonymous callers: in production that is almost
  // certainly a missing SAILPOINT_BASE_URL, so refuse to start unless it is meant.
  const demoInProduction = bool('DEMO_IN_PRODUCTION', false);
  if (mode === 'demo' && production && !demoInProduction) {
    problems.push(
      'SAILPOINT_BASE_URL: unset with NODE_ENV=production, which would serve the built-in demo tenant to ' +
        'anonymous callers; set SAILPOINT_BASE_URL, or DEMO_IN_PRODUCTION=true if a production-mode demo is meant',
    );
  }

  const apiKeys = list('GATEWAY_API_KEYS');
  if (mode === 'service' && apiKeys.length === 0) {
    problems.push(
      'GATEWAY_API_KEYS: required in service mode (SAILPOINT_CLIENT_ID/SECRET set): callers must not reach ' +
        "the service account's data anonymously",
    );
  }
  const shortKeys = apiKeys.filter((k) => k.length < MIN_API_KEY_LENGTH).length;
  if (shortKeys > 0) {
    // Never echo the key itself: this message goes to logs.
    problems.push(`GATEWAY_API_KEYS: ${shortKeys} key(s) shorter than ${MIN_API_KEY_LENGTH} characters`);
  }
  if (apiKeys.some((k) => /\s/.test(k))) problems.push('GATEWAY_API_KEYS: keys must not contain whitespace');
  const warnings: string[] = [];
  if (apiKeys.length > 0 && mode !== 'service') {
    warnings.push(
      `GATEWAY_API_KEYS is ignored in ${mode} mode: ` +
        (mode === 'demo'
          ? 'the demo tenant is open to anonymous callers'
          : 'callers authenticate with their bearer token'),
    );
  }

  const cacheUrl = read('CACHE_URL');
  if (cacheUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(cacheUrl);
      ok = (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    // The URL may hold a Redis password: name the problem, not the value.
    if (!ok)
      problems.push('CACHE_URL: expected redis://host:port or rediss://host:port (unset = in-memory cache)');
  }

  const rateLimit = parseRateLimit(read('UPSTREAM_RATE_LIMIT') ?? '100/10s', problems);

  const corsOrigins = list('CORS_ORIGINS');
  for (const origin of corsOrigins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid) {
      problems.push(
        `CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`,
      );
    }
  }

  // Node's defaults (60 s for headers, 300 s for the request) let a slow client hold a socket and its buffered
  // body for minutes; a GraphQL request of at most MAX_BODY_BYTES arrives in well under a second.
  const httpServer = {
    headersTimeoutMs: int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 1),
    requestTimeoutMs: int('HTTP_REQUEST_TIMEOUT_MS', 15_000, 1),
    keepAliveTimeoutMs: int('HTTP_KEEPALIVE_TIMEOUT_MS', 5_000, 1),
    maxConnections: int('HTTP_MAX_CONNECTIONS', 1024, 1),
  };
  if (httpServer.headersTimeoutMs > httpServer.requestTimeoutMs) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (${httpServer.requestTimeoutMs}), got ` +
        String(httpServer.headersTimeoutMs),
    );
  }

  const config: GatewayConfig = {
    host,
    port,
    nodeEnv,
    production,
    development: nodeEnv === 'development',
    logLevel,
    mode,
    sailpoint:
      mode === 'demo' || baseUrl === undefined
        ? undefined
        : {
            baseUrl,
            auth:
              mode === 'service' && clientId !== undefined && clientSecret !== undefined
                ? { mode: 'service', clientId, clientSecret }
                : { mode: 'pass-through' },
          },
    upstream: {
      apiPaths,
      timeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1),
      maxRetries: int('UPSTREAM_MAX_RETRIES', 2, 0, 10),
      rateLimit,
      fairness: {
        // 10: a page fan-out (3 windows) or a dashboard's histories still run mostly in parallel, but 10 loops
        // of 41-call queries no longer send 400 requests at once.
        callerConcurrency: int('UPSTREAM_CALLER_CONCURRENCY', 10, 1),
        // 60: one operation at MAX_UPSTREAM_CALLS (60) fits one caller's share, and 40 % of every window stays
        // free for the other callers.
        callerSharePercent: int('UPSTREAM_CALLER_SHARE_PERCENT', 60, 1, 100),
      },
      cache: {
        ...(cacheUrl !== undefined ? { url: cacheUrl } : {}),
        ttlSeconds: int('CACHE_TTL_SECONDS', 10, 1),
        workflowTtlSeconds: int('CACHE_TTL_WORKFLOWS_SECONDS', 60, 1),
        commandTimeoutMs: int('CACHE_COMMAND_TIMEOUT_MS', 250, 1),
        // At least 1 MiB: smaller would hold less than a few 250-item pages, so it would only cost writes.
        maxBytes: int('CACHE_MAX_BYTES', DEFAULT_CACHE_MAX_BYTES, 1024 * 1024),
      },
    },
    apiKeys,
    maxPageSize: int('MAX_PAGE_SIZE', 1000, 1),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 15_000, 1),
    graphql: {
      introspection: bool('GRAPHQL_INTROSPECTION', !production),
      landingPage: bool('GRAPHQL_LANDING_PAGE', !production),
      batching: bool('GRAPHQL_BATCHING', false),
    },
    corsOrigins,
    limits: {
      maxDepth: int('MAX_DEPTH', 15, 1),
      maxAliases: int('MAX_ALIASES', 30, 0),
      maxTokens: int('MAX_TOKENS', 2000, 1),
      maxCost: int('MAX_COST', 50_000, 1),
      // 60 of SailPoint's 100 requests per 10 s, which in service and demo mode every caller shares: room for a
      // dashboard of 50 executions with their history (52: the workflow list, the executions page, 50 histories)
      // or 50 workflows with their executions (51) next to a list or two, while one operation still leaves 40
      // requests of the window to everyone else instead of queueing them behind it until their deadline.
      maxUpstreamCalls: int('MAX_UPSTREAM_CALLS', 60, 1),
    },
    responseCache: { fields: parseResponseCacheFields(read('RESPONSE_CACHE_FIELDS'), problems) },
    memory: {
      // 32 KiB is ~10 times the largest query in the README, and whitespace and comments (which MAX_TOKENS does
      // not count) cannot push a document past it.
      maxDocumentBytes: int('MAX_DOCUMENT_BYTES', 32 * 1024, 1),
      documentCacheBytes: int('DOCUMENT_CACHE_BYTES', 16 * 1024 * 1024, 0),
      // A full-size document plus variables (150 `_entities` representations are ~10 KB).
      maxBodyBytes: int('MAX_BODY_BYTES', 64 * 1024, 1),
      // 256 full-size bodies in flight at once; a slow client holds at most its one body of it.
      maxBufferedBodyBytes: int('MAX_BUFFERED_BODY_BYTES', 16 * 1024 * 1024, 1),
    },
    httpServer,
    live: {
      pollIntervalMs: int('LIVE_POLL_INTERVAL_MS', 5000, 10),
      pollBudgetPercent: int('LIVE_POLL_BUDGET_PERCENT', 50, 1, 100),
      maxSubscriptionsPerConnection: int('LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 10, 1),
      maxConnectionsPerCaller: int('LIVE_MAX_CONNECTIONS_PER_CALLER', 20, 1),
      initTimeoutMs: int('LIVE_INIT_TIMEOUT_MS', 3000, 1),
      keepAliveMs: int('LIVE_KEEPALIVE_MS', 12_000, 0),
      leaseMs: int('LIVE_LEASE_MS', 3000, 100),
    },
    persistedDocuments: persistedDocumentsConfig(
      reader,
      { production, landingPage: bool('GRAPHQL_LANDING_PAGE', !production) },
      problems,
      warnings,
    ),
    tracing: parseTracing(reader, problems),
    warnings,
  };

  const callerShare = Math.floor(
    (config.upstream.rateLimit.requests * (config.upstream.fairness?.callerSharePercent ?? 100)) / 100,
  );
  if (callerShare < config.limits.maxUpstreamCalls) {
    warnings.push(
      `UPSTREAM_CALLER_SHARE_PERCENT gives one caller ${callerShare} requests per window, fewer than ` +
        `MAX_UPSTREAM_CALLS (${config.limits.maxUpstreamCalls}): an operation near that limit will wait for ` +
        'its own share or fail with RATE_LIMITED',
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The full upstream configuration once the tenant is known (from config, or the demo tenant in demo mode). */
export function toUpstreamConfig(config: GatewayConfig, demoTenant?: DemoTenantEndpoint): UpstreamConfig {
  if (config.sailpoint !== undefined) {
    return { ...config.upstream, ...config.sailpoint, livePollBudgetPercent: config.live.pollBudgetPercent };
  }
  if (demoTenant === undefined) {
    throw new Error('Demo mode (no SAILPOINT_BASE_URL) needs a running demo tenant: pass opts.demoTenant');
  }
  return {
    ...config.upstream,
    livePollBudgetPercent: config.live.pollBudgetPercent,
    baseUrl: demoTenant.url.replace(/\/+$/, ''),
    auth: { mode: 'service', ...demoTenant.credentials },
  };
}
