/**
 * Per call: cache read (unless noCache) -> coalesce -> [pace -> HTTP] with retries (send.ts) -> cache write.
 * Everything a frontend developer sees in `extensions.upstream` is counted here or in send.ts.
 */
import type { Coalescer } from '../cache/coalesce.js';
import { cacheKey } from '../cache/keys.js';
import type { CacheStore } from '../cache/store.js';
import type { CallerAuth } from './auth.js';
import { decodeEntry, encodeEntry, toResult } from './cache-entry.js';
import type { Execute, UpstreamRequest, UpstreamResult } from './client.js';
import type { UpstreamConfig } from './config.js';
import { createSender, type SendDeps } from './send.js';
import type { UpstreamCallFacts, UpstreamCallSpan } from './telemetry.js';
import { traced } from './traced.js';
import type { CallContext } from './types.js';

export interface PipelineDeps extends SendDeps {
  config: Pick<UpstreamConfig, 'baseUrl' | 'timeoutMs' | 'maxRetries' | 'cache'>;
  store: CacheStore;
  coalescer: Coalescer;
}

export function createExecutor(
  deps: PipelineDeps,
  call: CallContext,
  auth: CallerAuth,
  credentialHash: string,
): Execute {
  const { config, store, coalescer, metrics } = deps;
  const log = call.logger;
  const sendWithRetries = createSender(deps, call, auth, credentialHash);

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
