/**
 * Apollo plugins, one concern each, installed by graphql/server.ts: this file (the per-operation log line, metric
 * and `extensions.upstream`), operation-type.ts (mutations and subscriptions refused over HTTP), http-status.ts
 * (status codes per GraphQL over HTTP), response-cache.ts (the opt-in per-caller whole-operation cache) and
 * tracing.ts (names the request span after the operation). Limits live in ../limits/.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { GatewayMetrics } from '../../observability/metrics.js';
import type { Context } from '../context.js';
import { recordRejection, requestScope } from '../request-scope.js';

/**
 * `extensions.upstream` on every response, one log line and one metric per operation.
 * `durationMs` is the wall time of the whole operation in the gateway (from the start of request processing to
 * the response), which bounds the upstream time and is what a frontend developer waits for.
 *
 * Apollo answers some requests without starting an operation, so `requestDidStart` never sees them: a CSRF block,
 * disabled batching or an empty body (`invalidRequestWasReceived`), and the service-mode 401 thrown by the context
 * function (`contextCreationDidFail`). Those are counted here; their `extensions.upstream` is added by
 * `stringifyResult`, the one step every JSON body Apollo writes goes through.
 */
export function operationPlugin(metrics: GatewayMetrics): ApolloServerPlugin<Context> {
  return {
    async invalidRequestWasReceived() {
      recordRejection(metrics, requestScope.getStore(), 'bad_request', ApolloServerErrorCode.BAD_REQUEST);
    },
    async contextCreationDidFail({ error }) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (code === 'UNAUTHENTICATED') {
        recordRejection(metrics, requestScope.getStore(), 'unauthenticated', code);
      } else {
        recordRejection(metrics, requestScope.getStore(), 'error', 'INTERNAL_SERVER_ERROR');
      }
    },
    async requestDidStart(requestContext) {
      const started = performance.now();
      return {
        async willSendResponse(rc) {
          // Responses hold one caller's data: never stored by browsers or proxies. (Apollo's cache-control
          // plugin would say the same, as the schema has no @cacheControl hints, but it runs a hook on every
          // field of every response to find that out; it is disabled below.)
          if (!rc.response.http.headers.has('cache-control')) {
            rc.response.http.headers.set('cache-control', 'no-store');
          }
          const { stats, logger } = requestContext.contextValue;
          stats.durationMs = Math.round(performance.now() - started);
          const body = rc.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const outcome = errors !== undefined && errors.length > 0 ? 'error' : 'success';
          // `responseCache` only on operations RESPONSE_CACHE_FIELDS makes cacheable: other bodies stay as they were.
          const cached = requestContext.contextValue.responseCache;
          const upstream = cached === undefined ? { ...stats } : { ...stats, responseCache: cached };
          if (body.kind === 'single') {
            body.singleResult.extensions = { ...body.singleResult.extensions, upstream };
          } else {
            body.initialResult.extensions = { ...body.initialResult.extensions, upstream };
          }
          const operationName = rc.operationName ?? rc.request.operationName ?? null;
          metrics.operation(operationName, outcome);
          const scope = requestScope.getStore();
          if (scope !== undefined) scope.counted = true;
          // Skip building the line when info is off (LOG_LEVEL=warn in busy deployments).
          if (!logger.isLevelEnabled('info')) return;
          logger.info(
            {
              operationName: operationName ?? 'anonymous',
              outcome,
              upstream,
              durationMs: stats.durationMs,
              ...(errors !== undefined && errors.length > 0
                ? { errorCodes: [...new Set(errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))] }
                : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
