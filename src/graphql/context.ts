import type { Logger } from 'pino';
import type { RequestTrace } from '../observability/tracing.js';
import { type AccountActivityLoaders, createAccountActivityLoaders } from '../account-activities/loaders.js';
import type { CallerCredential } from '../core/credential.js';
import type { ResolverContext, Viewer } from '../core/resolver-context.js';
import {
  type TriggerInvocationLoaders,
  createTriggerInvocationLoaders,
} from '../trigger-invocations/loaders.js';
import type { Upstream, UpstreamClient, UpstreamStats } from '../upstream/types.js';
import { type WorkflowLoaders, createWorkflowLoaders } from '../workflows/loaders.js';

export type { UpstreamStats };

/** Every DataLoader of one request. Built per request by `createContext`; never shared between callers. */
export type Loaders = WorkflowLoaders & TriggerInvocationLoaders & AccountActivityLoaders;

export function createLoaders(client: UpstreamClient): Loaders {
  return {
    ...createWorkflowLoaders(client),
    ...createTriggerInvocationLoaders(client),
    ...createAccountActivityLoaders(client),
  };
}

/**
 * Per-request context: what every resolver reads (core/resolver-context.ts) with the loaders of every domain,
 * plus what the GraphQL layer's plugins need. Built by `createContext`; nothing request-scoped lives elsewhere.
 */
export interface Context extends ResolverContext<Loaders> {
  /** SailPoint client bound to this caller's credential. */
  client: UpstreamClient;
  stats: UpstreamStats;
  /** `Cache-Control: no-cache` from the caller: neither cache answers, both are refilled (absent: false). */
  noCache?: boolean;
  /** Set by the response-cache plugin for operations it may cache; reported in `extensions.upstream`. */
  responseCache?: ResponseCacheOutcome;
  /** The request's span, when tracing is on (graphql/plugins/tracing.ts names it after the operation). */
  trace?: RequestTrace;
}

/** What the response cache did for one cacheable operation (`bypass`: the caller sent no-cache). */
export type ResponseCacheOutcome = 'hit' | 'miss' | 'bypass';

/** What the transport knows of one request, once it has identified the caller. */
export interface RequestFacts {
  requestId: string;
  credential: CallerCredential;
  mode: Viewer['mode'];
  logger: Logger;
  /** Per-call logger of the upstream layer (it binds `requestId` itself). */
  upstreamLogger: Logger;
  /** Epoch ms after which no upstream work should start or wait. */
  deadline: number;
  /** `Cache-Control: no-cache` from the caller. */
  noCache: boolean;
  maxPageSize: number;
  /** The request's span, when tracing is on. */
  trace?: RequestTrace;
  /** The TCP peer, which tells anonymous callers apart for fair pacing (upstream/types.ts `CallContext`). */
  clientAddress?: string;
}

/** One operation's context: a client bound to the caller, fresh loaders over it, and the cost counters. */
export function createContext(upstream: Upstream, facts: RequestFacts): Context {
  const stats: UpstreamStats = { requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 };
  const client = upstream.forCaller(facts.credential, {
    requestId: facts.requestId,
    stats,
    logger: facts.upstreamLogger,
    deadline: facts.deadline,
    noCache: facts.noCache,
    ...(facts.trace !== undefined && { tracer: facts.trace.upstream }),
    ...(facts.clientAddress !== undefined ? { clientAddress: facts.clientAddress } : {}),
  });
  return {
    requestId: facts.requestId,
    viewer: { mode: facts.mode, credentialHash: upstream.credentialHash(facts.credential) },
    client,
    loaders: createLoaders(client),
    logger: facts.logger,
    stats,
    maxPageSize: facts.maxPageSize,
    noCache: facts.noCache,
    ...(facts.trace !== undefined && { trace: facts.trace }),
  };
}
