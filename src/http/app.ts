/**
 * The HTTP layer: the Express app in front of the GraphQL server. It owns request ids, CORS, body parsing,
 * credential extraction (into the per-request context), health, readiness and metrics routes, and the JSON error
 * bodies of requests that never reach GraphQL.
 *
 * This folder: app.ts assembles the middleware in request order; cors.ts (origins), credentials.ts (who is
 * calling, by mode), body-budget.ts (body bytes in flight), document-limit.ts (MAX_DOCUMENT_BYTES before
 * parsing), request-shape.ts (an Accept header allowing no JSON type, malformed batch items), persisted.ts
 * (trusted documents and APQ before parsing), refuse.ts (GraphQL-shaped refusals), health.ts (`/healthz`,
 * `/readyz`, `/metrics`), landing-page.ts (Sandbox), server-limits.ts (timeouts and connection bounds of the
 * Node server) and listen.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServer, ContextFunction } from '@apollo/server';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/index.js';
import { createContext, type Context } from '../graphql/context.js';
import {
  recordRejection,
  requestScope,
  upstreamExtension,
  type RequestScope,
} from '../graphql/request-scope.js';
import type { TrustedDocuments } from '../graphql/persisted/manifest.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import type { Upstream } from '../upstream/types.js';
import { corsOptions } from './cors.js';
import { extractCredential, header, sha256, wantsNoCache } from './credentials.js';
import { createBodyBudget, payloadTooLarge } from './body-budget.js';
import { documentSizeLimit } from './document-limit.js';
import { healthRoutes } from './health.js';
import { refuseGraphQL } from './refuse.js';
import { persistedDocuments } from './persisted.js';
import { acceptableResponse, batchItems } from './request-shape.js';

// Accept a caller's request id only if it cannot break a log line or a header.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  upstream: Upstream;
  /** The PERSISTED_DOCUMENTS manifest, when one is configured. */
  trusted?: TrustedDocuments | undefined;
  tracing: Tracing;
}

/** The Express app, with everything but `/graphql`; `mountGraphQL` adds that once the GraphQL server started. */
export function createApp({ config, logger, metrics, upstream }: AppOptions): express.Express {
  const app = express();
  // nosniff, Referrer-Policy: no-referrer, frame protection (X-Frame-Options and frame-ancestors) on every
  // response. The CSP is helmet's strict default only where no Sandbox page is served: the Sandbox landing page
  // loads its scripts and frames from Apollo's CDN, which that policy would block.
  app.use(helmet({ contentSecurityPolicy: config.graphql.landingPage ? false : undefined }));
  // No framework fingerprint; behind a proxy, the client IP is not needed (we log request ids, not IPs).
  app.disable('x-powered-by');
  // No ETag: every body (GraphQL answers, health, metrics) is per-request data, never revalidated by clients, and
  // Express would hash each one to make it.
  app.disable('etag');
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
  app.use(healthRoutes(upstream, metrics));
  return app;
}

/** Mounts `/graphql` (CORS, JSON body, context per request) and the JSON error handlers. */
export function mountGraphQL(
  app: express.Express,
  apollo: ApolloServer<Context>,
  { config, logger, metrics, upstream, trusted, tracing }: AppOptions,
): void {
  const apiKeyDigests = config.apiKeys.map(sha256);
  const bodyBudget = createBodyBudget(config.memory, metrics);
  // The upstream layer puts `requestId` on its own log lines, so its per-call logger must not bind it again.
  const upstreamLogger = logger.child({ component: 'upstream' });

  const context: ContextFunction<[ExpressContextFunctionArgument], Context> = async ({ req, res }) => {
    const requestId = String(res.locals.requestId);
    // The request-id child made once per request by the middleware (a fresh one only outside it, e.g. tests).
    const scope = requestScope.getStore();
    const requestLogger = scope?.logger ?? logger.child({ requestId });
    const trace = scope?.trace;
    const contextValue = createContext(upstream, {
      requestId,
      credential: extractCredential(config, req, apiKeyDigests, requestLogger),
      mode: config.mode,
      logger: requestLogger,
      upstreamLogger:
        trace === undefined ? upstreamLogger : upstreamLogger.child({ trace_id: trace.traceId }),
      ...(trace !== undefined && { trace }),
      deadline: Date.now() + config.requestTimeoutMs,
      noCache: wantsNoCache(req),
      // The socket's peer, not X-Forwarded-For: a header any caller can set must not pick its pacing turn.
      ...(req.socket.remoteAddress !== undefined ? { clientAddress: req.socket.remoteAddress } : {}),
      maxPageSize: config.maxPageSize,
    });
    if (scope !== undefined) scope.stats = contextValue.stats;
    return contextValue;
  };

  // Mounted only when tracing is on: off, a request runs exactly the middleware it ran before tracing existed.
  if (tracing.enabled) app.use('/graphql', traceRequests(tracing));
  app.use(
    '/graphql',
    cors<cors.CorsRequest>(corsOptions(config)),
    bodyBudget.middleware,
    express.json({ limit: config.memory.maxBodyBytes }),
    documentSizeLimit(config.memory.maxDocumentBytes, metrics),
    acceptableResponse(config.graphql.landingPage, metrics),
    batchItems(config.graphql.batching, metrics),
    persistedDocuments({ trusted, only: config.persistedDocuments.only }, metrics),
    expressMiddleware(apollo, { context }),
  );
  app.use('/graphql', errorHandler(metrics, true, config.memory.maxBodyBytes));
  app.use(errorHandler(metrics, false, config.memory.maxBodyBytes));
}

/** Starts the request's span (continuing the caller's `traceparent`), puts `trace_id` on its logger, ends it with
 * the response (or when the client goes away). */
function traceRequests(tracing: Tracing): express.RequestHandler {
  return (req, res, next) => {
    const scope = requestScope.getStore();
    const trace = tracing.startRequest(req.headers, req.method);
    if (scope !== undefined && trace !== undefined) {
      scope.trace = trace;
      scope.logger = scope.logger.child({ trace_id: trace.traceId });
      res.on('close', () => trace.end(res.statusCode));
    }
    next();
  };
}

/** Body-parser failures (its error `type`) that deserve more than "Malformed request body". */
const BODY_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  'charset.unsupported': 'Unsupported charset in Content-Type: send the body as UTF-8 JSON.',
  'encoding.unsupported':
    'Unsupported Content-Encoding: send the body uncompressed, or compressed with gzip, deflate or br.',
};

/**
 * Body-parser failures (malformed JSON, too large) and anything thrown outside Apollo: a GraphQL-shaped JSON
 * error instead of Express's HTML page, which would show a stack trace outside production. On /graphql the
 * request never reached Apollo, so it is counted and given `extensions.upstream` here.
 */
function errorHandler(
  metrics: GatewayMetrics,
  graphql: boolean,
  maxBodyBytes: number,
): express.ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const raw = (error as { status?: unknown }).status;
    const status = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500;
    // Error bodies are per-request too: never stored by browsers or proxies.
    res.setHeader('cache-control', 'no-store');
    if (status === 413 && graphql) {
      // A chunked body that grew past MAX_BODY_BYTES (a declared one was refused before reading).
      res.setHeader('connection', 'close');
      refuseGraphQL(res, metrics, payloadTooLarge(maxBodyBytes));
      return;
    }
    const scope = requestScope.getStore();
    if (status >= 500) scope?.logger.error({ err: error }, 'unhandled HTTP error');
    const message =
      status === 413
        ? 'Request body too large'
        : status < 500
          ? (BODY_ERROR_MESSAGES[String((error as { type?: unknown }).type)] ?? 'Malformed request body')
          : 'Internal server error';
    const code =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    if (graphql) recordRejection(metrics, scope, status < 500 ? 'bad_request' : 'error', code);
    res.status(status).json({
      errors: [{ message, extensions: { code } }],
      ...(graphql && scope !== undefined ? { extensions: { upstream: upstreamExtension(scope) } } : {}),
    });
  };
}
