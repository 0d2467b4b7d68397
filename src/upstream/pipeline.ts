import type { Coalescer } from '../cache/coalesce.js';
import { cacheKey } from '../cache/keys.js';
import { acquireWithin, type Limiter } from '../cache/pacer.js';
import type { CacheStore } from '../cache/store.js';
import type { GatewayError } from '../errors.js';
import type { CallerAuth } from './auth.js';
import {
  isInvalidJson,
  parseJson,
  parseTotalCount,
  type AttemptResult,
  type Execute,
  type Transport,
  type UpstreamRequest,
  type UpstreamResult,
} from './client.js';
import type { Clock } from './clock.js';
import { toGatewayError, type UpstreamFailure } from './errors.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome } from './retry.js';
import type { CallContext, UpstreamConfig, UpstreamMetrics } from './types.js';

/**
 * Per call: cache read (unless noCache) -> coalesce -> [pace -> HTTP] with retries -> cache write.
 * Everything a frontend developer sees in `extensions.upstream` is counted here.
 */

export interface PipelineDeps {
  config: Pick<UpstreamConfig, 'baseUrl' | 'timeoutMs' | 'maxRetries' | 'cache'>;
  store: CacheStore;
  coalescer: Coalescer;
  limiter: Limiter;
  transport: Transport;
  metrics: UpstreamMetrics;
  clock: Clock;
}

/** What the shared cache holds for one request. Versioned so a format change never misreads old entries. */
interface CachedResult {
  v: 1;
  found: boolean;
  body?: unknown;
  totalCount?: number;
}

function isCachedResult(value: unknown): value is CachedResult {
  return typeof value === 'object' && value !== null && (value as CachedResult).v === 1;
}

const fromCache = (entry: CachedResult): UpstreamResult =>
  entry.found
    ? entry.totalCount === undefined
      ? { found: true, body: entry.body }
      : { found: true, body: entry.body, totalCount: entry.totalCount }
    : { found: false };

const toCache = (result: UpstreamResult): CachedResult =>
  result.found
    ? { v: 1, found: true, body: result.body, totalCount: result.totalCount }
    : { v: 1, found: false };

function toOutcome(result: AttemptResult, now: number): AttemptOutcome {
  if (result.kind === 'timeout') return { kind: 'timeout' };
  if (result.kind === 'network') return { kind: 'network' };
  const retryAfterMs =
    result.status === 429 ? parseRetryAfter(result.headers['retry-after'], now) : undefined;
  return retryAfterMs === undefined
    ? { kind: 'response', status: result.status }
    : { kind: 'response', status: result.status, retryAfterMs };
}

/** The last attempt's result as a failure for errors.ts; only SailPoint's JSON body (never raw text) goes on. */
function toFailure(
  result: AttemptResult,
  outcome: AttemptOutcome,
  attempts: number,
  timeoutMs: number,
): UpstreamFailure {
  if (result.kind === 'timeout') return { kind: 'timeout', timeoutMs };
  if (result.kind === 'network') return { kind: 'network', attempts };
  const body = parseJson(result.body);
  const failure: UpstreamFailure = {
    kind: 'status',
    status: result.status,
    body: isInvalidJson(body) ? undefined : body,
    attempts,
  };
  if (outcome.kind === 'response' && outcome.retryAfterMs !== undefined)
    failure.retryAfterMs = outcome.retryAfterMs;
  return failure;
}

export function createExecutor(
  deps: PipelineDeps,
  call: CallContext,
  auth: CallerAuth,
  credentialHash: string,
): Execute {
  const { config, store, coalescer, limiter, transport, metrics, clock } = deps;
  const log = call.logger;

  async function sendWithRetries(request: UpstreamRequest): Promise<UpstreamResult> {
    const { endpoint, searchParams } = request;
    let retries = 0;
    let tokenRefreshed = false;
    for (;;) {
      if (clock.now() >= call.deadline) {
        throw toGatewayError({ kind: 'timeout', timeoutMs: config.timeoutMs });
      }
      const slot = await acquireWithin(limiter, auth.paceIdentity, call.deadline, clock, {
        // Nothing below outlives this: the token fetch and the attempt are each bounded by timeoutMs, and the
        // attempt also by the deadline. Until then the request counts as in flight for pacing.
        holdUntil: call.deadline + config.timeoutMs,
        onRefused: (error: GatewayError) => {
          metrics.rateLimited();
          log.warn(
            {
              requestId: call.requestId,
              endpoint: endpoint.template,
              retryAfter: error.extensions.retryAfter,
            },
            'upstream pacing: request budget exhausted before the deadline',
          );
        },
      });
      let authorization: string;
      let timeoutMs: number;
      let result: AttemptResult;
      let started: number;
      try {
        authorization = await auth.authorization();
        // Never let one attempt outlive the caller's deadline.
        timeoutMs = Math.max(1, Math.min(config.timeoutMs, call.deadline - clock.now()));
        call.stats.requests += 1;
        started = clock.now();
        result = await transport({ path: endpoint.path, searchParams, authorization, timeoutMs });
      } finally {
        // SailPoint counted the request somewhere between admission and now: pace it as made now. Not awaited,
        // so the response is not held up by a Redis round trip (the completion never rejects).
        void limiter.complete(auth.paceIdentity, slot.ticket);
      }
      const durationMs = clock.now() - started;
      const status =
        result.kind === 'response' ? result.status : result.kind === 'timeout' ? 'timeout' : 'error';
      metrics.request(endpoint.template, status, durationMs);
      log.debug(
        { requestId: call.requestId, endpoint: endpoint.template, status, durationMs, attempt: retries + 1 },
        'upstream request',
      );

      if (result.kind === 'response' && result.status >= 200 && result.status <= 299) {
        const body = parseJson(result.body);
        if (isInvalidJson(body)) {
          log.warn(
            { requestId: call.requestId, endpoint: endpoint.template },
            'upstream 2xx body is not JSON',
          );
          throw toGatewayError({ kind: 'invalid-body', status: result.status });
        }
        const totalCount = parseTotalCount(result.headers);
        return totalCount === undefined ? { found: true, body } : { found: true, body, totalCount };
      }
      if (result.kind === 'response' && result.status === 404 && request.notFoundIsNull) {
        return { found: false };
      }
      if (result.kind === 'response' && result.status === 429) metrics.rateLimited();

      const outcome = toOutcome(result, clock.now());
      const decision = decideRetry(outcome, {
        retries,
        maxRetries: config.maxRetries,
        now: clock.now(),
        deadline: call.deadline,
        canRefreshToken: auth.refresh !== undefined,
        tokenRefreshed,
        random: clock.random(),
      });
      if (decision.action === 'refresh-token') {
        auth.refresh?.(authorization);
        tokenRefreshed = true;
        continue;
      }
      if (decision.action === 'retry') {
        metrics.retry(decision.reason);
        log.debug(
          {
            requestId: call.requestId,
            endpoint: endpoint.template,
            reason: decision.reason,
            delayMs: decision.delayMs,
          },
          'upstream retry',
        );
        await clock.sleep(decision.delayMs);
        retries += 1;
        continue;
      }

      const attempts = retries + 1;
      const failure = toFailure(result, outcome, attempts, timeoutMs);
      const error = toGatewayError(failure, auth.secrets());
      // 4xx are the caller's business (debug); 5xx, network and timeouts are ours to notice (warn).
      const serious = result.kind !== 'response' || result.status >= 500;
      log[serious ? 'warn' : 'debug'](
        {
          requestId: call.requestId,
          endpoint: endpoint.template,
          status,
          attempts,
          code: error.code,
          trackingId: error.extensions.trackingId,
          ...(result.kind === 'network' ? { networkError: result.code } : {}),
        },
        `upstream call failed: ${error.message}`,
      );
      throw error;
    }
  }

  return async (request) => {
    const key = cacheKey({
      credentialHash,
      baseUrl: config.baseUrl,
      method: 'GET',
      path: request.endpoint.path,
      query: request.searchParams,
    });
    if (!call.noCache) {
      const cached = await store.get<unknown>(key);
      if (isCachedResult(cached)) {
        call.stats.cacheHits += 1;
        metrics.cache('hit');
        return fromCache(cached);
      }
      metrics.cache('miss');
    }
    const { promise, shared } = coalescer.run(key, async () => {
      const result = await sendWithRetries(request);
      const kindTtl =
        request.endpoint.ttl === 'workflow' ? config.cache.workflowTtlSeconds : config.cache.ttlSeconds;
      // "Does not exist" is remembered no longer than ordinary data: a workflow created a moment ago should not
      // stay invisible for the whole (longer) workflow TTL.
      const ttlSeconds = result.found ? kindTtl : Math.min(kindTtl, config.cache.ttlSeconds);
      if (ttlSeconds > 0) await store.set(key, toCache(result), ttlSeconds * 1000);
      return result;
    });
    if (shared) {
      call.stats.coalesced += 1;
      metrics.coalesced();
    }
    return promise;
  };
}
