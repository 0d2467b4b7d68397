/**
 * One upstream request as the caller's deadline allows it: take a slot of the rate budget, send one attempt,
 * and retry (Retry-After, backoff, one token refresh) until it succeeds, fails for good, or runs out of time.
 * Apart from pipeline.ts, which decides whether a request is sent at all (cache, coalescing), because the retry
 * loop is what each of those paths shares and it is long enough to read on its own.
 */
import type { FairPacer, Grant } from '../cache/fair.js';
import { acquireWithin, type Limiter } from '../cache/pacer.js';
import type { GatewayError } from '../core/errors.js';
import type { CallerAuth } from './auth.js';
import type { Fetched } from './cache-entry.js';
import type { UpstreamRequest } from './client.js';
import type { Clock } from './clock.js';
import type { UpstreamConfig } from './config.js';
import { toGatewayError, type UpstreamFailure } from './errors.js';
import type { AttemptResult, Transport } from './http.js';
import { isInvalidJson, parseJson, parseTotalCount } from './parse.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome } from './retry.js';
import type { UpstreamCallFacts, UpstreamCallSpan, UpstreamMetrics } from './telemetry.js';
import type { CallContext } from './types.js';

export interface SendDeps {
  config: Pick<UpstreamConfig, 'timeoutMs' | 'maxRetries'>;
  /** The poll share of the budget (`CallContext.live` calls take a slot here before the shared one). */
  liveLimiter?: Limiter;
  /** The rate budget, shared fairly between callers (cache/fair.ts over `limiter`). */
  pacer: FairPacer;
  transport: Transport;
  metrics: UpstreamMetrics;
  clock: Clock;
}

/** `span`/`facts` only when tracing is on: then each attempt carries its trace and reports what it did. */
export type Send = (
  request: UpstreamRequest,
  span?: UpstreamCallSpan,
  facts?: UpstreamCallFacts,
) => Promise<Fetched>;

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

/** The retry loop bound to one caller's operation and credential. */
export function createSender(
  deps: SendDeps,
  call: CallContext,
  auth: CallerAuth,
  credentialHash: string,
): Send {
  const { config, liveLimiter, pacer, transport, metrics, clock } = deps;
  const liveIdentity = `live:${auth.paceIdentity}`;
  const log = call.logger;
  // Whose turn and share of the budget: the caller, never its raw credential.
  const caller = call.callerKey ?? credentialHash;

  return async function sendWithRetries(request, span, facts) {
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
  };
}
