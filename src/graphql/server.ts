/**
 * The GraphQL layer: the Apollo server over the subgraph schema, with the limits, the error policy
 * (`formatError`) and the per-operation plugin. It knows nothing of Express: the HTTP layer mounts it.
 *
 * This folder: schema.ts loads `schema/*.graphql` into the Federation subgraph with resolvers.ts (every domain's
 * maps, plus node.ts for Relay's `node`/`nodes`) and scalars.ts; context.ts builds each operation's context and
 * loaders; request-scope.ts carries request values to hooks without a context; format-error.ts maps every error
 * to its client code; document-store.ts bounds Apollo's parsed-document cache; limits/ (one module per limit),
 * plugins/ (one Apollo plugin per concern) and persisted/ (APQ and trusted documents).
 */
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/index.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Upstream } from '../upstream/types.js';
import type { Context } from './context.js';
import { createDocumentStore } from './document-store.js';
import { formatError, withoutSuggestions } from './format-error.js';
import { apqCache } from './persisted/apq-cache.js';
import { costLimitPlugin, limitParseOptions, limitValidationRules } from './limits/index.js';
import { httpStatusPlugin } from './plugins/http-status.js';
import { operationPlugin } from './plugins/operation.js';
import { operationTypePlugin } from './plugins/operation-type.js';
import { tracingPlugin } from './plugins/tracing.js';
import { responseCachePlugin, unknownResponseCacheFields } from './plugins/response-cache.js';
import { requestScope, upstreamExtension } from './request-scope.js';
import { buildGatewaySchema } from './schema.js';

export interface GraphQLServerOptions {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Its shared store also holds the response cache's entries. */
  upstream: Pick<Upstream, 'shared'>;
  /** Drained on stop: in-flight requests finish before the server closes. */
  httpServer: http.Server;
  /** The landing page plugin (Sandbox, or disabled), chosen by the HTTP layer. */
  landingPage: ApolloServerPlugin<Context>;
  /** The schema, when the composition root built it (with the subscription resolvers); else built here. */
  schema?: GraphQLSchema;
}

export function createGraphQLServer(options: GraphQLServerOptions): ApolloServer<Context> {
  const { config, logger, metrics, httpServer } = options;
  const schema = options.schema ?? buildGatewaySchema();
  const unknown = unknownResponseCacheFields(schema, config.responseCache.fields);
  if (unknown.length > 0) {
    throw new Error(`RESPONSE_CACHE_FIELDS: no such field in the schema: ${unknown.join(', ')}`);
  }
  return new ApolloServer<Context>({
    schema,
    introspection: config.graphql.introspection,
    // In production without introspection, "Did you mean ...?" hints would leak the schema it hides.
    hideSchemaDetailsFromClientErrors: !config.graphql.introspection,
    includeStacktraceInErrorResponses: config.development,
    allowBatchedHttpRequests: config.graphql.batching,
    // Automatic persisted queries in the shared store (Redis when CACHE_URL is set) instead of Apollo's
    // per-replica memory: a hash registered on one replica is found on all of them.
    persistedQueries: {
      cache: apqCache(options.upstream.shared.store, config.persistedDocuments.apqTtlSeconds),
    },
    csrfPrevention: true,
    // index.ts owns SIGTERM/SIGINT; Apollo's own handlers would re-raise the signal and kill the process early.
    stopOnTerminationSignals: false,
    nodeEnv: config.nodeEnv ?? '',
    logger: logger.child({ component: 'apollo' }),
    // Apollo's option only covers validation errors; variable-coercion messages ("Did you mean the enum value
    // ...?") would still name what introspection hides.
    formatError: config.graphql.introspection ? formatError : withoutSuggestions(formatError),
    // Apollo's own serialization (JSON plus a newline), with `extensions.upstream` on the bodies of requests that
    // no operation answered (see operationPlugin).
    stringifyResult: (result) => {
      const scope = requestScope.getStore();
      const body =
        scope === undefined || result.extensions?.upstream !== undefined
          ? result
          : { ...result, extensions: { ...result.extensions, upstream: upstreamExtension(scope) } };
      return `${JSON.stringify(body)}\n`;
    },
    // Parsed-and-validated documents, bounded by the bytes they retain (DOCUMENT_CACHE_BYTES).
    documentStore: createDocumentStore(config.memory.documentCacheBytes),
    validationRules: limitValidationRules(config.limits),
    parseOptions: limitParseOptions(config.limits),
    plugins: [
      // Drain in-flight requests for up to one operation deadline (plus a margin for writing the response).
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.requestTimeoutMs + 1000,
      }),
      options.landingPage,
      // Federated traces (ftv1) for routers that ask for them; Apollo would add this plugin itself, but with
      // error messages unmasked, and formatError does not run on traces.
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
      // No @cacheControl hints in the schema: the per-field cache policy work would always end in `no-store`,
      // which operationPlugin sets directly.
      ApolloServerPluginCacheControlDisabled(),
      // Before the cost limit: a mutation or subscription is refused for what it is, not for what it would cost.
      operationTypePlugin(),
      costLimitPlugin<Context>(config.limits),
      responseCachePlugin({ fields: config.responseCache.fields, shared: options.upstream.shared, metrics }),
      operationPlugin(metrics),
      tracingPlugin(),
      httpStatusPlugin<Context>(),
    ],
  });
}
