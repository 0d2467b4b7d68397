import type { Coalescer } from '../cache/coalesce.js';
import { cacheKey } from '../cache/keys.js';
import type { FairPacer, Grant } from '../cache/fair.js';
import { acquireWithin, type Limiter } from '../cache/pacer.js';
import type { CacheStore } from '../cache/store.js';
import type { GatewayError } from '../core/errors.js';
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
import { traced } from './traced.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome } from './retry.js';
import type {
  CallContext,
  UpstreamCallFacts,
  UpstreamCallSpan,
  UpstreamConfig,
  UpstreamMetrics,
} from './types.js';

/**
 * Per call: cache read (unless noCache) -> coalesce -> [pace -> HTTP] with retries -> cache write.
 * Everything a frontend developer sees in `extensions.upstream` is counted here.
 */

export interface PipelineDeps {
  config: Pick<UpstreamConfig, 'baseUrl' | 'timeoutMs' | 'maxRetries' | 'cache'>;
  store: CacheStore;
  coalescer: Coalescer;
  /** The poll share of the budget (`CallContext.live` calls take a slot here before the shared one). */
  liveLimiter?: Limiter;
  /** The rate budget, shared fairly between callers (cache/fair.ts over `limiter`). */
  pacer: FairPacer;
  transport: Transport;
  metrics: UpstreamMetrics;
  clock: Clock;
}

/**
 * What the shared cache holds for one request: a string, so no store serializes anything. A found body is kept as
 * the response text SailPoint sent (already validated as JSON when it arrived), so a write costs nothing and a
 * hit costs one JSON.parse, which is also the fresh copy each reader may mutate.
 *
 *   v2\nF<totalCount or empty>\n<body text>    found
 *   v2\nN\n                                    "does not exist" (404 of a by-id lookup)
 *
 * Versioned so a format change never misreads old entries (v1 entries, Keyv's JSON objects, are simply misses).
 */
const ENTRY_VERSION = 'v2\n';

/** A result as it came off the wire: the parsed body and the text it was parsed from. */
type Fetched = { found: true; body: unknown; text: string; totalCount?: number } | { found: false };

const toResult = (fetched: Fetched): UpstreamResult =>
  fetched.found
    ? fetched.totalCount === undefined
      ? { found: true, body: fetched.body }
      : { found: true, body: fetched.body, totalCount: fetched.totalCount }
    : { found: false };

export function encodeEntry(fetched: Fetched): string {
  if (!fetched.found) return `${ENTRY_VERSION}N\n`;
  return `${ENTRY_VERSION}F${fetched.totalCount ?? ''}\n${fetched.text}`;
}

/** The cached result, or undefined for anything that is not a well-formed current entry (then it is a miss). */
export function decodeEntry(entry: string): UpstreamResult | undefined {
  if (!entry.startsWith(ENTRY_VERSION)) return undefined;
  const metaEnd = entry.indexOf('\n', ENTRY_VERSION.length);
  if (metaEnd < 0) return undefined;
  const meta = entry.slice(ENTRY_VERSION.length, metaEnd);
  if (meta === 'N') return { found: false };
  if (meta[0] !== 'F') return undefined;
  const count = meta.slice(1);
  if (count !== '' && !/^\d+$/.test(count)) return undefined;
  const body = parseJson(entry.slice(metaEnd + 1));
  if (isInvalidJson(body)) return undefined;
  return count === '' ? { found: true, body } : { found: true, body, totalCount: Number(count) };
}

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
  const { config, store, coalescer, liveLimiter, pacer, transport, metrics, clock } = deps;
  const liveIdentity = `live:${auth.paceIdentity}`;
  const log = call.logger;
  // Whose turn and share of the budget: the caller, never its raw credential.
  const caller = call.callerKey ?? credentialHash;

  /** `span`/`facts` only when tracing is on: then each attempt carries its trace and reports what it did. */
  async function sendWithRetries(
    request: UpstreamRequest,
    span?: UpstreamCallSpan,
    facts?: UpstreamCallFacts,
  ): Promise<Fetched> {
    const { endpoint, searchParams } = request;
    let retries = 0;
    let tokenRefreshed = false;
    for (;;) {
      if (clock.now() >= call.deadline) {
        throw toGatewayError({ kind: 'timeout', timeoutMs: config.timeoutMs });
      }
      const paceStarted = facts === undefined ? 0 : clock.now();
      const pacing = {
        // Nothing below outlives this: the token fetch and the attempt are each bounded by timeoutMs, and the
        // attempt also by the deadline. Until then the request counts as in flight for pacing.
        holdUntil: call.deadline + config.timeoutMs,
        onRefused: (error: GatewayError) => {
          metrics.rateLimited('pacing');
          log.warn(
            {
              requestId: call.requestId,
              endpoint: endpoint.template,
              retryAfter: error.extensions.retryAfter,
            },
            'upstream pacing: request budget exhausted before the deadline',
          );
        },
      };
      // A poll first takes a slot of the poll share, then one of the whole budget: both logs then hold it.
      const liveSlot =
        call.live && liveLimiter !== undefined
          ? await acquireWithin(liveLimiter, liveIdentity, call.deadline, clock, pacing)
          : undefined;
      let slot: Grant;
      try {
        slot = await pacer.acquire({
          identity: auth.paceIdentity,
          caller,
          deadline: call.deadline,
          // A caller's share applies where callers share one budget (the service account), not to its own token.
          ...(auth.sharedBudget === true ? {} : { sharePercent: 100 }),
          ...pacing,
        });
      } catch (error) {
        if (liveSlot !== undefined) void liveLimiter?.complete(liveIdentity, liveSlot.ticket);
        throw error;
      }
      if (facts !== undefined) facts.pacerWaitMs += clock.now() - paceStarted;
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
        result = await transport(
          span === undefined
            ? { path: endpoint.path, searchParams, authorization, timeoutMs }
            : { path: endpoint.path, searchParams, authorization, timeoutMs, headers: span.headers },
        );
      } finally {
        // SailPoint counted the request somewhere between admission and now: pace it as made now (the pacer
        // does not await the completion, so the response is not held up by a Redis round trip).
        slot.release();
        if (liveSlot !== undefined) void liveLimiter?.complete(liveIdentity, liveSlot.ticket);
      }
      const durationMs = clock.now() - started;
      const status =
        result.kind === 'response' ? result.status : result.kind === 'timeout' ? 'timeout' : 'error';
      metrics.request(endpoint.template, status, durationMs);
      if (facts !== undefined) facts.status = status;
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
        return totalCount === undefined
          ? { found: true, body, text: result.body }
          : { found: true, body, text: result.body, totalCount };
      }
      if (result.kind === 'response' && result.status === 404 && request.notFoundIsNull) {
        return { found: false };
      }
      if (result.kind === 'response' && result.status === 429) metrics.rateLimited('upstream');

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
        if (facts !== undefined) facts.retries += 1;
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
        if (facts !== undefined) facts.retries += 1;
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

  const execute = async (
    request: UpstreamRequest,
    span?: UpstreamCallSpan,
    facts?: UpstreamCallFacts,
  ): Promise<UpstreamResult> => {
    const key = cacheKey({
      credentialHash,
      baseUrl: config.baseUrl,
      method: 'GET',
      path: request.endpoint.path,
      query: request.searchParams,
    });
    if (!call.noCache) {
      const cached = await store.get(key);
      const hit = cached === undefined ? undefined : decodeEntry(cached);
      if (hit !== undefined) {
        call.stats.cacheHits += 1;
        metrics.cache('hit');
        if (facts !== undefined) facts.cache = 'hit';
        return hit;
      }
      metrics.cache('miss');
    }
    const { promise, shared } = coalescer.run(key, async () => {
      const fetched = await sendWithRetries(request, span, facts);
      const kindTtl =
        request.endpoint.ttl === 'workflow' ? config.cache.workflowTtlSeconds : config.cache.ttlSeconds;
      // "Does not exist" is remembered no longer than ordinary data: a workflow created a moment ago should not
      // stay invisible for the whole (longer) workflow TTL.
      const ttlSeconds = fetched.found ? kindTtl : Math.min(kindTtl, config.cache.ttlSeconds);
      if (ttlSeconds > 0) {
        // Started here, not awaited: the response does not wait for the cache (with Redis, a round trip). The
        // store issues the write before returning, so a later read of this process still finds it; `flush`
        // awaits it where that matters (tests, shutdown). Stores never reject; the catch is for bugs only.
        store.set(key, encodeEntry(fetched), ttlSeconds * 1000).catch((error: unknown) => {
          log.warn({ requestId: call.requestId, err: error }, 'cache write failed');
        });
      }
      return toResult(fetched);
    });
    if (shared) {
      call.stats.coalesced += 1;
      metrics.coalesced();
      if (facts !== undefined) facts.coalesced = true;
    }
    return promise;
  };

  const tracer = call.tracer;
  if (tracer === undefined) return (request) => execute(request);
  return (request) =>
    traced(tracer, request.endpoint.template, call.noCache, (span, facts) => execute(request, span, facts));
}
