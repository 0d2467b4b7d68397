import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type ContextFunction } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import cors, { type CorsOptions } from 'cors';
import express from 'express';
import { GraphQLError, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { toUpstreamConfig, type GatewayConfig } from './config.js';
import type { Context, UpstreamStats, Viewer } from './context.js';
import type { ErrorCode } from './errors.js';
import { createLoaders } from './loaders.js';
import { costLimitPlugin, limitParseOptions, limitValidationRules, tokenLimitMessage } from './limits.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type GatewayMetrics, type RejectionOutcome } from './observability/metrics.js';
import { resolvers } from './resolvers.js';
import { createUpstream } from './upstream/index.js';
import type { CallerCredential, Upstream } from './upstream/types.js';

/** What demo mode needs of the embedded tenant (the value `startDemoTenant` resolves to fits). */
export interface DemoTenantEndpoint {
  url: string;
  credentials: { clientId: string; clientSecret: string };
}

export interface GatewayOptions {
  /** Root logger; defaults to JSON on stdout at `config.logLevel` with secrets redacted. */
  logger?: Logger;
  /** The running demo tenant; required in demo mode (no SAILPOINT_BASE_URL). */
  demoTenant?: DemoTenantEndpoint;
}

export interface Gateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** Scheme, host and port, for `/healthz`, `/readyz`, `/metrics`. */
  origin: string;
  port: number;
  metricsRegistry: Registry;
  /** Stops accepting connections, lets in-flight operations finish, then closes the upstream (Redis). */
  stop(): Promise<void>;
}

/** Origin of Apollo Sandbox (studio), allowed by CORS outside production. */
export const SANDBOX_ORIGIN = 'https://studio.apollographql.com';
const LOCALHOST_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;
// Accept a caller's request id only if it cannot break a log line or a header.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Codes a client may see as-is: every code of ours except INTERNAL_SERVER_ERROR (a Record, so a new ErrorCode
 * must be classified here to compile), plus Apollo's request-level codes.
 */
const SHOWN_GATEWAY_CODES: Record<Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, true> = {
  BAD_USER_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  RATE_LIMITED: true,
  UPSTREAM_ERROR: true,
  UPSTREAM_TIMEOUT: true,
};
const PASS_THROUGH_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.keys(SHOWN_GATEWAY_CODES),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
]);

/** Request-scoped values that Apollo hooks without access to the context (formatError) still need. */
interface RequestScope {
  requestId: string;
  logger: Logger;
  /** `performance.now()` when the request arrived, for `durationMs` of responses no operation produced. */
  startedAt: number;
  req: express.Request;
  /** The context's counters, once the context function made them. */
  stats?: UpstreamStats;
  /** Set once the request is in `graphql_operations_total`, so a refusal after an operation ran is not counted twice. */
  counted: boolean;
}
const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * `extensions.upstream` of a response that no operation produced (refused requests): the counters of the context
 * if one was made (zeros otherwise), and the time since the request arrived.
 */
function upstreamExtension(scope: RequestScope): UpstreamStats {
  const stats = scope.stats ?? { requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 };
  return { ...stats, durationMs: Math.round(performance.now() - scope.startedAt) };
}

/** The `operationName` a refused request's body claims, if any. */
function claimedOperationName(body: unknown): string | null {
  const name =
    typeof body === 'object' && body !== null ? (body as { operationName?: unknown }).operationName : null;
  return typeof name === 'string' ? name : null;
}

/** Counts and logs a request refused before any operation ran (once per request). */
function recordRejection(
  metrics: GatewayMetrics,
  scope: RequestScope | undefined,
  outcome: RejectionOutcome,
  code: string,
): void {
  if (scope === undefined || scope.counted) return;
  scope.counted = true;
  metrics.rejected(claimedOperationName(scope.req.body), outcome);
  scope.logger.info(
    { outcome, errorCodes: [code], durationMs: Math.round(performance.now() - scope.startedAt) },
    'graphql request rejected',
  );
}

/**
 * The package root (the folder with package.json and schema/), found by walking up from this file so it works
 * from `src/` (ts-jest, tsx) and from `dist/` (npm start, the Docker image).
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package root with schema/ above ${from}`);
    dir = parent;
  }
}

/** All `schema/*.graphql` files, in name order, as one document. */
export function loadTypeDefs(root: string = packageRoot()): DocumentNode {
  const dir = join(root, 'schema');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Constant-time membership test against the SHA-256 digests of the configured keys. Hashing first gives equal-length buffers, so neither the key's content nor its
 * length leaks through timing; every configured key is compared, so neither does its position.
 */
export function apiKeyMatches(candidate: string, keyDigests: readonly Buffer[]): boolean {
  const digest = sha256(candidate);
  let match = false;
  for (const keyDigest of keyDigests) match = timingSafeEqual(digest, keyDigest) || match;
  return match;
}

function header(req: express.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearerToken(req: express.Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  return match?.[1];
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap() } },
  });
}

/** CORS per DESIGN.md section 8: Sandbox and localhost outside production, only CORS_ORIGINS in production. */
export function corsOptions(config: Pick<GatewayConfig, 'production' | 'corsOrigins'>): CorsOptions {
  const listed = new Set(config.corsOrigins);
  const allowed = (origin: string): boolean =>
    listed.has(origin) ||
    (!config.production && (origin === SANDBOX_ORIGIN || LOCALHOST_ORIGIN.test(origin)));
  return {
    // `false` (not an error) for a refused origin: the response simply lacks the CORS headers.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  };
}

/**
 * `formatError`: our errors and Apollo's request errors pass through (graphql-js's token-limit message reworded to
 * name MAX_TOKENS); anything else is a bug and is masked, with its cause logged against the request id (which the
 * masked error carries for support).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
    const tokenLimit =
      code === ApolloServerErrorCode.GRAPHQL_PARSE_FAILED ? tokenLimitMessage(formatted.message) : undefined;
    return tokenLimit !== undefined ? { ...formatted, message: tokenLimit } : formatted;
  }
  const scope = requestScope.getStore();
  scope?.logger.error(
    { err: original, path: formatted.path },
    'unexpected error (masked as INTERNAL_SERVER_ERROR)',
  );
  return {
    message: 'Internal server error',
    ...(formatted.locations !== undefined ? { locations: formatted.locations } : {}),
    ...(formatted.path !== undefined ? { path: formatted.path } : {}),
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      ...(scope !== undefined ? { requestId: scope.requestId } : {}),
      // Only present when includeStacktraceInErrorResponses (NODE_ENV=development) made Apollo add it.
      ...(formatted.extensions?.stacktrace !== undefined
        ? { stacktrace: formatted.extensions.stacktrace }
        : {}),
    },
  };
}

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
function operationPlugin(metrics: GatewayMetrics): ApolloServerPlugin<Context> {
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
          const upstream = { ...stats };
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

export async function createGateway(config: GatewayConfig, opts: GatewayOptions = {}): Promise<Gateway> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  for (const warning of config.warnings) logger.warn(warning);

  const metrics = createMetrics();
  const upstream: Upstream = createUpstream(toUpstreamConfig(config, opts.demoTenant), {
    logger: logger.child({ component: 'upstream' }),
    metrics,
  });
  const apiKeyDigests = config.apiKeys.map(sha256);
  // The upstream layer puts `requestId` on its own log lines, so its per-call logger must not bind it again.
  const upstreamLogger = logger.child({ component: 'upstream' });

  const app = express();
  // No framework fingerprint; behind a proxy, the client IP is not needed (we log request ids, not IPs).
  app.disable('x-powered-by');
  // No ETag: every body (GraphQL answers, health, metrics) is per-request data, never revalidated by clients, and
  // Express would hash each one to make it.
  app.disable('etag');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    schema: buildSubgraphSchema([{ typeDefs: loadTypeDefs(), resolvers }]),
    introspection: config.graphql.introspection,
    // In production without introspection, "Did you mean ...?" hints would leak the schema it hides.
    hideSchemaDetailsFromClientErrors: !config.graphql.introspection,
    includeStacktraceInErrorResponses: config.development,
    allowBatchedHttpRequests: config.graphql.batching,
    csrfPrevention: true,
    // index.ts owns SIGTERM/SIGINT; Apollo's own handlers would re-raise the signal and kill the process early.
    stopOnTerminationSignals: false,
    nodeEnv: config.nodeEnv ?? '',
    logger: logger.child({ component: 'apollo' }),
    formatError,
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
    validationRules: limitValidationRules(config.limits),
    parseOptions: limitParseOptions(config.limits),
    plugins: [
      // Drain in-flight requests for up to one operation deadline (plus a margin for writing the response).
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.requestTimeoutMs + 1000,
      }),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({
            embed: { endpointIsEditable: false },
            footer: false,
            document: SANDBOX_DOCUMENT,
          })
        : ApolloServerPluginLandingPageDisabled(),
      // Federated traces (ftv1) for routers that ask for them; Apollo would add this plugin itself, but with
      // error messages unmasked, and formatError does not run on traces.
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
      // No @cacheControl hints in the schema: the per-field cache policy work would always end in `no-store`,
      // which operationPlugin sets directly.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin<Context>(config.limits),
      operationPlugin(metrics),
    ],
  });
  try {
    await apollo.start();
    // Redis is imported lazily (only with CACHE_URL): have it connecting before the first request, as when it was
    // imported with the server, rather than serving the first queries with per-process pacing.
    await upstream.started();
  } catch (error) {
    await upstream.close();
    throw error;
  }

  const context: ContextFunction<[ExpressContextFunctionArgument], Context> = async ({ req, res }) => {
    const requestId = String(res.locals.requestId);
    // The request-id child made once per request by the middleware below (a fresh one only outside it, e.g. tests).
    const scope = requestScope.getStore();
    const requestLogger = scope?.logger ?? logger.child({ requestId });
    const credential = extractCredential(config, req, apiKeyDigests, requestLogger);
    const stats: UpstreamStats = { requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 };
    if (scope !== undefined) scope.stats = stats;
    const noCache = /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(header(req, 'cache-control') ?? '');
    const client = upstream.forCaller(credential, {
      requestId,
      stats,
      logger: upstreamLogger,
      deadline: Date.now() + config.requestTimeoutMs,
      noCache,
    });
    const viewer: Viewer = {
      mode: config.mode,
      credentialHash: upstream.credentialHash(credential),
    };
    return {
      requestId,
      viewer,
      client,
      loaders: createLoaders(client),
      logger: requestLogger,
      stats,
      maxPageSize: config.maxPageSize,
    };
  };

  app.use((req, res, next) => {
    const incoming = header(req, 'x-request-id');
    const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const scope: RequestScope = {
      requestId,
      logger: logger.child({ requestId }),
      startedAt: performance.now(),
      req,
      counted: false,
    };
    requestScope.run(scope, next);
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const { cache } = upstream.health();
    if (cache === 'degraded') res.status(503).json({ status: 'degraded', cache });
    else res.json({ status: 'ok', cache });
  });
  app.get('/metrics', async (_req, res, next) => {
    try {
      const text = await metrics.registry.metrics();
      res.type(metrics.registry.contentType).send(text);
    } catch (error) {
      next(error);
    }
  });
  app.use(
    '/graphql',
    cors<cors.CorsRequest>(corsOptions(config)),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context }),
  );

  // Body-parser failures (malformed JSON, too large) and anything thrown outside Apollo: a GraphQL-shaped JSON
  // error instead of Express's HTML page, which would show a stack trace outside production. On /graphql the
  // request never reached Apollo, so it is counted and given `extensions.upstream` here.
  const errorHandler =
    (graphql: boolean): express.ErrorRequestHandler =>
    (error: unknown, _req, res, next) => {
      if (res.headersSent) {
        next(error);
        return;
      }
      const raw = (error as { status?: unknown }).status;
      const status = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500;
      const scope = requestScope.getStore();
      if (status >= 500) scope?.logger.error({ err: error }, 'unhandled HTTP error');
      const message =
        status === 413
          ? 'Request body too large'
          : status < 500
            ? 'Malformed request body'
            : 'Internal server error';
      const code = status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
      if (graphql) recordRejection(metrics, scope, status < 500 ? 'bad_request' : 'error', code);
      res.status(status).json({
        errors: [{ message, extensions: { code } }],
        ...(graphql && scope !== undefined ? { extensions: { upstream: upstreamExtension(scope) } } : {}),
      });
    };
  app.use('/graphql', errorHandler(true));
  app.use(errorHandler(false));

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // e.g. EADDRINUSE: release what was started so the caller can exit or retry cleanly.
    await apollo.stop();
    await upstream.close();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://${hostForUrl(config.host)}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        // apollo.stop() runs the drain plugin: close the listener, wait for in-flight requests, then stop.
        await apollo.stop();
      } finally {
        await upstream.close();
      }
    })();
    return stopping;
  };

  return { url: `${origin}/graphql`, origin, port, metricsRegistry: metrics.registry, stop };
}

/**
 * The caller's credential by mode (DESIGN.md section 2). Pass-through and demo never reject here: a missing token
 * only fails the fields that need SailPoint (UNAUTHENTICATED from the client), so introspection and `_service`
 * work without one. Service mode rejects a missing or unknown API key with HTTP 401.
 */
function extractCredential(
  config: GatewayConfig,
  req: express.Request,
  apiKeyDigests: readonly Buffer[],
  logger: Logger,
): CallerCredential {
  const token = bearerToken(req);
  switch (config.mode) {
    case 'demo':
      // The demo tenant's service account serves anonymous callers; a caller's own token is forwarded.
      return token !== undefined ? { kind: 'bearer', token } : { kind: 'anonymous' };
    case 'pass-through':
      // Without a token the upstream client fails each call with UNAUTHENTICATED (in pass-through mode an
      // anonymous caller has no service account to fall back on), so only fields that need SailPoint fail.
      return token !== undefined ? { kind: 'bearer', token } : { kind: 'anonymous' };
    case 'service': {
      const apiKey = header(req, 'x-api-key');
      if (apiKey === undefined || apiKey === '') {
        logger.info('rejected request without x-api-key');
        throw unauthenticated('Missing API key: send one of the gateway API keys in the `x-api-key` header.');
      }
      if (!apiKeyMatches(apiKey, apiKeyDigests)) {
        logger.warn('rejected request with an unknown x-api-key');
        throw unauthenticated('Invalid API key in the `x-api-key` header.');
      }
      return { kind: 'service', apiKey };
    }
  }
}

/** What Sandbox shows first: a small, cheap query that works against the demo tenant. */
export const SANDBOX_DOCUMENT = `# Recent failed executions of the first workflows.
query RecentFailures {
  workflows(first: 5) {
    totalCount
    nodes {
      id
      name
      enabled
      executions(first: 3, filter: { status: { eq: FAILED } }) {
        nodes { id startTime status }
      }
    }
  }
}
`;
