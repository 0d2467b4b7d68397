/**
 * The ports through which the upstream layer reports what it did: metrics and per-call trace spans. They are
 * implemented in src/observability/ (which sits above this layer), so upstream/ owns only these shapes and never
 * imports prom-client or OpenTelemetry.
 */

/** What one upstream call did, for its span. */
export interface UpstreamCallFacts {
  /** `bypass`: the caller sent `Cache-Control: no-cache`. */
  cache: 'hit' | 'miss' | 'bypass';
  /** Answered by an identical call already in flight (no request of its own). */
  coalesced: boolean;
  /** Status of the last attempt, when a request was sent. */
  status?: number | 'error' | 'timeout';
  /** Attempts after the first (429, 5xx, network, token refresh). */
  retries: number;
  /** Time spent waiting for the rate pacer, over all attempts. */
  pacerWaitMs: number;
  /** `extensions.code` of the error the call ended with. */
  errorCode?: string;
}

/** One traced upstream call: the headers that carry its trace to SailPoint, then its facts when it ends. */
export interface UpstreamCallSpan {
  /** W3C `traceparent` (and `tracestate`) of this call's span. */
  readonly headers: Readonly<Record<string, string>>;
  end(facts: UpstreamCallFacts): void;
}

/** Starts the span of one upstream call under the operation's span. Implemented in src/observability/tracing.ts. */
export interface UpstreamTracer {
  /** `endpoint` is the template (`GET /workflows/v1/{id}/executions`), never a raw URL. */
  startCall(endpoint: string): UpstreamCallSpan;
}

/** Metrics the upstream layer reports (implemented with prom-client in src/observability/metrics.ts). */
export interface UpstreamMetrics {
  /** `endpoint` is a template such as `GET /workflows/v1/{id}`, never a raw URL. */
  request(endpoint: string, status: number | 'error' | 'timeout', durationMs: number): void;
  cache(result: 'hit' | 'miss'): void;
  coalesced(): void;
  /** `upstream`: SailPoint answered 429; `pacing`: the gateway's own budget refused the call before sending it. */
  rateLimited(source: 'upstream' | 'pacing'): void;
  retry(reason: 'rate_limited' | 'server_error' | 'network'): void;
}
