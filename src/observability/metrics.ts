/**
 * Observability: Prometheus metrics (this file, served at `/metrics`), the pino logger with its redaction
 * rules (logger.ts) and OpenTelemetry tracing (tracing.ts, off unless an OTLP endpoint is set). Other layers
 * record through the small interfaces defined here and in upstream/telemetry.ts, so none of them imports
 * prom-client or the OpenTelemetry SDK.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamMetrics } from '../upstream/telemetry.js';

/** Longest operation name kept as a label; longer ones are `other` (names are client-chosen). */
export const MAX_OPERATION_NAME_LENGTH = 64;
/** Distinct operation names kept as labels per process; later new names are `other`. */
export const MAX_OPERATION_NAMES = 200;
/** Distinct upstream endpoint templates kept as labels; a bug that leaks raw ids cannot explode the series. */
export const MAX_ENDPOINTS = 100;

export type OperationOutcome = 'success' | 'error';
/**
 * Requests the gateway refused before any operation ran: `bad_request` (CSRF block, batching disabled, malformed or
 * empty body, document or body too large, HTTP 400/413), `unauthenticated` (service mode without a valid
 * `x-api-key`, 401), `busy` (too many request bodies in flight, 503), `error` (a bug).
 */
export type RejectionOutcome = 'bad_request' | 'unauthenticated' | 'busy' | 'error';

/** Live subscriptions (src/live/). */
export interface LiveMetrics {
  connection(delta: 1 | -1): void;
  subscription(delta: 1 | -1): void;
  pollers(active: number): void;
  /** Events sent to subscribers (one per subscriber). */
  events(count: number): void;
  /** Upstream requests made by pollers. */
  pollRequests(count: number): void;
}

export interface GatewayMetrics extends UpstreamMetrics {
  live: LiveMetrics;
  /** One registry per gateway (not prom-client's global), so tests and several gateways in a process don't clash. */
  readonly registry: Registry;
  operation(name: string | null | undefined, outcome: OperationOutcome): void;
  /**
   * A refused request, in the same `graphql_operations_total`. Its operation name is the unauthenticated caller's
   * claim, so it is kept only if an operation that ran already used it: refusals cannot fill the label cap.
   */
  rejected(name: string | null | undefined, outcome: RejectionOutcome): void;
  /** A cacheable operation (RESPONSE_CACHE_FIELDS) answered from the response cache, run, or run for no-cache. */
  responseCache(result: 'hit' | 'miss' | 'bypass'): void;
  /** A GraphQL document received, by how it was sent (before it is parsed; refused ones included). */
  document(kind: DocumentKind): void;
}

/**
 * `persisted`: a trusted document of the PERSISTED_DOCUMENTS manifest (by `documentId`, APQ hash or its text);
 * `apq`: an automatic persisted query (hash, or hash plus text to register); `ad_hoc`: any other query text.
 */
export type DocumentKind = 'persisted' | 'apq' | 'ad_hoc';

// Operation names are GraphQL Names; anything else (a raw `operationName` string of a request that failed to
// parse) must not become a label.
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

// Path segments that are ids, not template text: UUIDs, long hex (SailPoint ids are 32 hex chars), numbers.
const ID_SEGMENT =
  /^(?:[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[0-9a-f]{16,}|\d+)$/i;

/**
 * Makes an endpoint label safe whatever the caller passed: drops a scheme/host and query string and replaces
 * id-like path segments with `{id}`. The upstream layer already passes templates (`GET /workflows/v1/{id}`);
 * this is the guard that keeps a raw URL from ever becoming a label.
 */
export function normalizeEndpoint(endpoint: string): string {
  const match = /^([A-Z]+)\s+(\S+)$/.exec(endpoint.trim());
  const method = match?.[1] ?? '';
  let path = match?.[2] ?? endpoint.trim();
  path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  path = path.split(/[?#]/, 1)[0] ?? '';
  path = path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/');
  return method === '' ? path : `${method} ${path}`;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const upstreamRequests = new Counter({
    name: 'upstream_requests_total',
    help: 'Requests sent to SailPoint, by endpoint template and HTTP status (or error/timeout)',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Latency of requests to SailPoint, by endpoint template',
    labelNames: ['endpoint'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const cacheRequests = new Counter({
    name: 'cache_requests_total',
    help: 'Shared-cache lookups, by result',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const coalesced = new Counter({
    name: 'upstream_coalesced_total',
    help: 'Upstream calls saved by joining an identical in-flight call of the same caller',
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'upstream_rate_limited_total',
    help: 'Upstream calls answered 429 by SailPoint (source="upstream") or refused by local pacing (source="pacing")',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const retries = new Counter({
    name: 'upstream_retries_total',
    help: 'Upstream calls retried, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help:
      'GraphQL operations, by operation name (anonymous, or other past the cardinality cap) and outcome ' +
      '(success, error, or bad_request/unauthenticated for requests refused before an operation ran)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });

  const responseCache = new Counter({
    name: 'response_cache_requests_total',
    help: 'Cacheable operations (RESPONSE_CACHE_FIELDS) by result: hit, miss, or bypass (the caller sent no-cache)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const liveConnections = new Gauge({
    name: 'live_connections',
    help: 'Open graphql-ws connections (acknowledged)',
    registers: [registry],
  });
  const liveSubscriptions = new Gauge({
    name: 'live_subscriptions',
    help: 'Active subscriptions over graphql-ws',
    registers: [registry],
  });
  const livePollers = new Gauge({
    name: 'live_pollers',
    help: 'Pollers of this replica (one per caller identity and upstream query), leading or following',
    registers: [registry],
  });
  const liveEvents = new Counter({
    name: 'live_events_total',
    help: 'Subscription events delivered, one per subscriber',
    registers: [registry],
  });
  const livePollRequests = new Counter({
    name: 'live_poll_requests_total',
    help: 'Upstream requests made by live pollers',
    registers: [registry],
  });

  const documents = new Counter({
    name: 'graphql_documents_total',
    help:
      'GraphQL documents received, by kind: persisted (trusted manifest), apq (automatic persisted query) or ' +
      'ad_hoc (query text that is neither)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });

  const endpoints = new Set<string>();
  const endpointLabel = (endpoint: string): string => {
    const label = normalizeEndpoint(endpoint);
    if (endpoints.has(label)) return label;
    if (endpoints.size >= MAX_ENDPOINTS) return 'other';
    endpoints.add(label);
    return label;
  };

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined, mayAdd: boolean): string => {
    if (name === null || name === undefined || name === '') return 'anonymous';
    if (name.length > MAX_OPERATION_NAME_LENGTH || !GRAPHQL_NAME.test(name)) return 'other';
    if (operationNames.has(name)) return name;
    if (!mayAdd || operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    operationNames.add(name);
    return name;
  };

  return {
    registry,
    live: {
      connection: (delta) => liveConnections.inc(delta),
      subscription: (delta) => liveSubscriptions.inc(delta),
      pollers: (active) => livePollers.set(active),
      events: (count) => {
        if (count > 0) liveEvents.inc(count);
      },
      pollRequests: (count) => {
        if (count > 0) livePollRequests.inc(count);
      },
    },
    request(endpoint, status, durationMs) {
      const label = endpointLabel(endpoint);
      upstreamRequests.inc({ endpoint: label, status: String(status) });
      upstreamDuration.observe({ endpoint: label }, durationMs / 1000);
    },
    cache(result) {
      cacheRequests.inc({ result });
    },
    coalesced() {
      coalesced.inc();
    },
    rateLimited(source) {
      rateLimited.inc({ source });
    },
    retry(reason) {
      retries.inc({ reason });
    },
    operation(name, outcome) {
      operations.inc({ operation: operationLabel(name, true), outcome });
    },
    rejected(name, outcome) {
      operations.inc({ operation: operationLabel(name, false), outcome });
    },
    responseCache(result) {
      responseCache.inc({ result });
    },
    document(kind) {
      documents.inc({ kind });
    },
  };
}
