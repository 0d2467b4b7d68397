/**
 * SailPoint REST shapes (the `...Dto` types) and the interfaces the rest of the gateway calls SailPoint through:
 * `UpstreamClient` per caller, `Upstream` per process, and the `CallContext` each call carries. Field names follow
 * SailPoint's JSON exactly; nothing here is GraphQL-shaped. Every field is optional unless SailPoint's spec marks
 * it required, because SailPoint omits fields freely. How the layer is configured (config.ts) and what it reports
 * (telemetry.ts) live apart: only the layer itself and its composition need those.
 */
import type { Logger } from 'pino';
import type { CacheStore } from '../cache/store.js';
import type { CallerCredential } from '../core/credential.js';
import type { UpstreamTracer } from './telemetry.js';

export interface IdentityReferenceDto {
  type?: string | null;
  id?: string | null;
  name?: string | null;
}

export interface WorkflowTriggerDto {
  /** EVENT | EXTERNAL | SCHEDULED | "" (empty is listed in the spec) | anything SailPoint adds later */
  type: string;
  displayName?: string | null;
  attributes?: Record<string, unknown> | null;
}

export interface WorkflowDto {
  id: string;
  name?: string | null;
  description?: string | null;
  enabled?: boolean | null;
  executionCount?: number | null;
  failureCount?: number | null;
  created?: string | null;
  modified?: string | null;
  owner?: IdentityReferenceDto | null;
  creator?: IdentityReferenceDto | null;
  modifiedBy?: IdentityReferenceDto | null;
  trigger?: WorkflowTriggerDto | null;
  definition?: { start?: string; steps?: Record<string, unknown> } | null;
}

export interface WorkflowExecutionDto {
  id: string;
  workflowId?: string | null;
  requestId?: string | null;
  startTime?: string | null;
  closeTime?: string | null;
  /** Completed | Failed | Canceled | Running | Queued | anything SailPoint adds (e.g. "Executing") */
  status?: string | null;
}

export interface WorkflowExecutionEventDto {
  type?: string | null;
  timestamp?: string | null;
  attributes?: Record<string, unknown> | null;
}

export interface LocalizedMessageDto {
  locale: string;
  message: string;
}

export interface InvocationStatusDto {
  id: string;
  triggerId: string;
  subscriptionId: string;
  subscriptionName: string;
  /** TEST | REAL_TIME */
  type: string;
  created: string;
  completed?: string | null;
  startInvocationInput: {
    triggerId?: string;
    input?: Record<string, unknown>;
    contentJson?: Record<string, unknown>;
  };
  completeInvocationInput?: {
    localizedError?: LocalizedMessageDto | null;
    output?: Record<string, unknown> | null;
  } | null;
}

export interface IdentitySummaryDto {
  id?: string | null;
  name?: string | null;
  identityId?: string | null;
  completed?: boolean | null;
}

export interface CommentDto {
  commenterId?: string | null;
  commenterName?: string | null;
  body?: string | null;
  date?: string | null;
}

export interface AccountActivityItemDto {
  id?: string | null;
  name?: string | null;
  requested?: string | null;
  approvalStatus?: string | null;
  provisioningStatus?: string | null;
  requesterComment?: CommentDto | null;
  reviewerIdentitySummary?: IdentitySummaryDto | null;
  reviewerComment?: CommentDto | null;
  operation?: string | null;
  attribute?: string | null;
  value?: string | null;
  nativeIdentity?: string | null;
  sourceId?: string | null;
  accountRequestInfo?: {
    requestedObjectId?: string | null;
    requestedObjectName?: string | null;
    requestedObjectType?: string | null;
  } | null;
  clientMetadata?: Record<string, string> | null;
  removeDate?: string | null;
}

export interface AccountActivityDto {
  id: string;
  name?: string | null;
  created?: string | null;
  modified?: string | null;
  completed?: string | null;
  completionStatus?: string | null;
  type?: string | null;
  requesterIdentitySummary?: IdentitySummaryDto | null;
  targetIdentitySummary?: IdentitySummaryDto | null;
  errors?: string[] | null;
  warnings?: string[] | null;
  items?: AccountActivityItemDto[] | null;
  executionStatus?: string | null;
  clientMetadata?: Record<string, string> | null;
}

/** `ErrorResponseDto` of SailPoint (400, 403, 404, 500). 401 is `{error}` and 429 is `{message}`. */
export interface ErrorResponseDto {
  detailCode?: string;
  trackingId?: string;
  messages?: { locale?: string | null; localeOrigin?: string | null; text: string }[];
  causes?: { locale?: string | null; localeOrigin?: string | null; text: string }[];
}

/** Offset/limit window of a list call. `limit` is never above 250 (SailPoint's maximum). */
export interface PageWindow {
  offset: number;
  limit: number;
}

/** Query of a list endpoint, already translated to SailPoint's strings (see each domain's translate.ts). */
export interface ListQuery extends PageWindow {
  /** SailPoint `filters` expression, unencoded (the HTTP client encodes once). */
  filters?: string;
  /** SailPoint `sorters`, e.g. `-created,triggerId`. */
  sorters?: string;
  /** Send `count=true` and read `X-Total-Count`. Only for endpoints that accept it. */
  count?: boolean;
}

export interface AccountActivityQuery extends ListQuery {
  requestedFor?: string;
  requestedBy?: string;
  regardingIdentity?: string;
}

/** One page of a list endpoint. `totalCount` is set only when `count` was requested. */
export interface ListResult<T> {
  items: T[];
  totalCount?: number;
}

/**
 * The one interface to SailPoint. An instance is bound to one caller's credential (built per request);
 * caching, coalescing and pacing happen behind it. By-id methods return null on 404. Errors are `GatewayError`s
 * (src/core/errors.ts) with the code of DESIGN.md section 7.
 */
export interface UpstreamClient {
  listWorkflows(): Promise<WorkflowDto[]>;
  getWorkflow(id: string): Promise<WorkflowDto | null>;
  listWorkflowExecutions(workflowId: string, query: ListQuery): Promise<ListResult<WorkflowExecutionDto>>;
  getWorkflowExecution(id: string): Promise<WorkflowExecutionDto | null>;
  /** Null when the execution does not exist. */
  getWorkflowExecutionHistory(id: string): Promise<WorkflowExecutionEventDto[] | null>;
  listTriggerInvocationStatuses(query: ListQuery): Promise<ListResult<InvocationStatusDto>>;
  listAccountActivities(query: AccountActivityQuery): Promise<ListResult<AccountActivityDto>>;
  getAccountActivity(id: string): Promise<AccountActivityDto | null>;
}

/** What one operation cost upstream; reported as `extensions.upstream` on every response. */
export interface UpstreamStats {
  /** Data requests sent to SailPoint, retries included, token fetches excluded. */
  requests: number;
  cacheHits: number;
  coalesced: number;
  durationMs: number;
}

/** Per-operation facts the client needs. `stats` is mutated as upstream calls happen. */
export interface CallContext {
  requestId: string;
  stats: UpstreamStats;
  logger: Logger;
  /** Epoch ms after which no upstream work should start or wait (pacing and Retry-After respect it). */
  deadline: number;
  /** `Cache-Control: no-cache` from the caller: skip reading the shared cache, still write it. */
  noCache: boolean;
  /**
   * A live-subscription poll: paced against the poll share of the budget as well as the whole budget, so polls
   * can never take more than their share (they wait instead, and the poll interval stretches).
   */
  live?: boolean;
  /** Span per upstream call (src/observability/tracing.ts); absent when tracing is off, which then costs nothing. */
  tracer?: UpstreamTracer;
  /**
   * Who takes turns and holds a share of the rate budget (cache/fair.ts); default the credential hash.
   * `forCaller` sets it from `clientAddress` for anonymous callers.
   */
  callerKey?: string;
  /** The TCP peer, to tell anonymous demo-mode callers apart for fair pacing; only its hash is kept. */
  clientAddress?: string;
}

/** The upstream layer as the server sees it: built once in createGateway, bound to a caller per request. */
export interface Upstream {
  /** A client bound to this caller (cache partition and coalescing keyed by a hash of the credential). */
  forCaller(credential: CallerCredential, call: CallContext): UpstreamClient;
  /** Hash of the credential used for cache keys and `Viewer.credentialHash`. */
  credentialHash(credential: CallerCredential): string;
  /**
   * The shared Keyv store (memory or Redis) and the tenant it holds entries of, for the GraphQL layer's
   * whole-operation response cache: one store, one byte bound, one Redis connection for both caches.
   */
  readonly shared: { store: CacheStore; baseUrl: string };
  /** Readiness of the shared cache (memory is always ok; Redis may be degraded). */
  health(): { cache: 'memory' | 'ok' | 'degraded' };
  /**
   * Resolves once the shared cache's client is loaded and connecting (Redis is imported lazily); a server awaits
   * it before accepting requests. Never rejects; immediate without CACHE_URL.
   */
  started(): Promise<void>;
  /** Resolves once the cache writes started so far are done (responses never wait for them). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
