/**
 * The gateway's configuration: every environment variable it reads, the typed shape `loadConfig` returns, and
 * the error a bad value raises. Nothing here reads the environment.
 */
import type { UpstreamConfig } from '../upstream/config.js';

/**
 * Every environment variable the gateway reads (DESIGN.md section 2). A deploy test checks that
 * docker-compose sets nothing else, so a misspelt variable cannot silently do nothing.
 */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'NODE_ENV',
  'LOG_LEVEL',
  'SAILPOINT_BASE_URL',
  'SAILPOINT_API_PATHS',
  'SAILPOINT_CLIENT_ID',
  'SAILPOINT_CLIENT_SECRET',
  'GATEWAY_API_KEYS',
  'CACHE_URL',
  'CACHE_TTL_SECONDS',
  'CACHE_TTL_WORKFLOWS_SECONDS',
  'CACHE_COMMAND_TIMEOUT_MS',
  'CACHE_MAX_BYTES',
  'UPSTREAM_RATE_LIMIT',
  'UPSTREAM_CALLER_CONCURRENCY',
  'UPSTREAM_CALLER_SHARE_PERCENT',
  'UPSTREAM_TIMEOUT_MS',
  'UPSTREAM_MAX_RETRIES',
  'MAX_PAGE_SIZE',
  'REQUEST_TIMEOUT_MS',
  'GRAPHQL_INTROSPECTION',
  'GRAPHQL_LANDING_PAGE',
  'GRAPHQL_BATCHING',
  'CORS_ORIGINS',
  'MAX_DEPTH',
  'MAX_ALIASES',
  'MAX_TOKENS',
  'MAX_COST',
  'MAX_UPSTREAM_CALLS',
  'RESPONSE_CACHE_FIELDS',
  'MAX_DOCUMENT_BYTES',
  'DOCUMENT_CACHE_BYTES',
  'MAX_BODY_BYTES',
  'DEMO_IN_PRODUCTION',
  'MAX_BUFFERED_BODY_BYTES',
  'HTTP_HEADERS_TIMEOUT_MS',
  'HTTP_REQUEST_TIMEOUT_MS',
  'HTTP_KEEPALIVE_TIMEOUT_MS',
  'HTTP_MAX_CONNECTIONS',
  'LIVE_POLL_INTERVAL_MS',
  'LIVE_POLL_BUDGET_PERCENT',
  'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION',
  'LIVE_MAX_CONNECTIONS_PER_CALLER',
  'LIVE_INIT_TIMEOUT_MS',
  'LIVE_KEEPALIVE_MS',
  'LIVE_LEASE_MS',
  'PERSISTED_DOCUMENTS',
  'PERSISTED_DOCUMENTS_ONLY',
  'APQ_TTL_SECONDS',
  // OpenTelemetry's standard variables (the subset this gateway reads; see TracingConfig).
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_SERVICE_NAME',
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];
export type Env = Record<string, string | undefined>;

/**
 * - `demo`: no SAILPOINT_BASE_URL; the embedded demo tenant is the upstream and anonymous callers use its
 *   service account (a bearer token, when sent, is forwarded instead).
 * - `service`: the gateway's own client credentials; callers authenticate with an `x-api-key`.
 * - `pass-through`: the caller's `Authorization: Bearer` is forwarded to SailPoint.
 */
export type GatewayMode = 'demo' | 'service' | 'pass-through';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Most SailPoint requests one operation may be estimated to make (src/graphql/limits/upstream-calls.ts). */
  maxUpstreamCalls: number;
}

export interface MemoryConfig {
  /** Largest GraphQL document (the `query` string, in UTF-8 bytes) the gateway parses; larger ones get HTTP 413. */
  maxDocumentBytes: number;
  /** Bytes of source text and syntax tree that the parsed-and-validated document cache may retain. */
  documentCacheBytes: number;
  /** Largest request body; a larger declared or received one gets HTTP 413 PAYLOAD_TOO_LARGE. */
  maxBodyBytes: number;
  /** Request body bytes all connections together may have in flight; past it new bodies get 503 SERVER_BUSY. */
  maxBufferedBodyBytes: number;
}

/** How long and how many clients the HTTP server waits for (src/http/server-limits.ts). */
export interface HttpServerConfig {
  /** The request line and headers must have arrived within this of the connection or previous request. */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; further ones are closed as they are accepted. */
  maxConnections: number;
}

/** Live subscriptions (src/live/): graphql-ws on `/graphql`, shared upstream polling. */
export interface LiveConfig {
  /** How often one poller reads SailPoint (LIVE_POLL_INTERVAL_MS); longer when the poll budget is short. */
  pollIntervalMs: number;
  /** Share of the per-client upstream budget polls may take (LIVE_POLL_BUDGET_PERCENT), so queries never starve. */
  pollBudgetPercent: number;
  maxSubscriptionsPerConnection: number;
  maxConnectionsPerCaller: number;
  /** A socket that sends no `connection_init` within this is closed with 4408. */
  initTimeoutMs: number;
  /** WebSocket ping interval; a peer that does not pong within one interval is dropped. 0 = no pings. */
  keepAliveMs: number;
  /** Redis lease of a poll key: another replica takes polling over within about this after the owner dies. */
  leaseMs: number;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** NODE_ENV as given (undefined when unset). */
  nodeEnv: string | undefined;
  /** NODE_ENV=production: no introspection, no landing page, CORS only for CORS_ORIGINS. */
  production: boolean;
  /** NODE_ENV=development: stack traces in error responses. */
  development: boolean;
  logLevel: LogLevel;
  mode: GatewayMode;
  /** Where SailPoint is and how the gateway authenticates to it; undefined in demo mode until the tenant runs. */
  sailpoint: { baseUrl: string; auth: UpstreamConfig['auth'] } | undefined;
  /** Everything of UpstreamConfig that does not depend on where SailPoint is. */
  upstream: Omit<UpstreamConfig, 'baseUrl' | 'auth'>;
  /** Accepted `x-api-key` values (service mode). */
  apiKeys: string[];
  maxPageSize: number;
  /** Deadline of one GraphQL operation; upstream pacing and retries give up past it. */
  requestTimeoutMs: number;
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    batching: boolean;
  };
  /** Extra allowed browser origins (the only ones in production). */
  corsOrigins: string[];
  limits: LimitsConfig;
  /**
   * RESPONSE_CACHE_FIELDS: the root fields (`Query.workflows`) whose whole-operation responses may be cached per
   * caller, with their max age in seconds. Empty (the default) caches no operation.
   */
  responseCache: { fields: Readonly<Record<string, number>> };
  /** What one request may make the gateway hold in memory (src/http/, src/graphql/document-store.ts). */
  memory: MemoryConfig;
  httpServer: HttpServerConfig;
  live: LiveConfig;
  persistedDocuments: PersistedDocumentsConfig;
  /** OpenTelemetry tracing (src/observability/tracing.ts); undefined when off. */
  tracing: TracingConfig | undefined;
  /** Valid but probably unintended settings; logged once at startup. */
  warnings: string[];
}

/** What demo mode needs of the embedded tenant (the value `startDemoTenant` resolves to fits). */
export interface DemoTenantEndpoint {
  url: string;
  credentials: { clientId: string; clientSecret: string };
}

export interface PersistedDocumentsConfig {
  /** PERSISTED_DOCUMENTS: path of the trusted-documents manifest (graphql-codegen's `persisted-documents.json`). */
  manifestPath: string | undefined;
  /** PERSISTED_DOCUMENTS_ONLY: refuse every document that is not in the manifest, before parsing it. */
  only: boolean;
  /** APQ_TTL_SECONDS: lifetime of an automatic persisted query in the shared store. */
  apqTtlSeconds: number;
}

/**
 * On when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, or OTEL_TRACES_EXPORTER=otlp
 * (then the standard default http://localhost:4318); OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it off.
 */
export interface TracingConfig {
  /** OTLP/HTTP (JSON) traces URL: the TRACES endpoint as given, else `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  tracesUrl: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (`k=v,k2=v2`, values percent-decoded), e.g. a collector's API key. */
  headers: Record<string, string>;
  /** `service.name` of the spans (OTEL_SERVICE_NAME). */
  serviceName: string;
}

/** Thrown by loadConfig with one line per invalid variable, so a bad deploy is fixed in one round. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
