/**
 * The graphql-ws transport on the HTTP server's `/graphql` path (WebSocket upgrade; HTTP requests keep going to
 * Express): authentication on `connection_init`, connection and subscription limits, the same document limits as
 * HTTP, a context per operation, error masking, metrics and a log line per connection (never a credential).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { GatewayConfig } from '../config/index.js';
import { sha256, type CallerCredential } from '../core/credential.js';
import { createContext, type RequestFacts } from '../graphql/context.js';
import { formatError } from '../graphql/format-error.js';
import { LIMIT_ERROR_CODE } from '../graphql/limits/limit-error.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Upstream } from '../upstream/types.js';
import { CLOSE_TOO_MANY_CONNECTIONS, connectionCredential } from './auth.js';
import { documentChecker } from './document.js';
import type { LiveHub } from './hub.js';
import type { LiveContext } from './resolvers.js';

export interface LiveServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: GatewayConfig;
  upstream: Upstream;
  hub: LiveHub;
  logger: Logger;
  metrics: GatewayMetrics;
}

export interface LiveServer {
  /** Stops the pollers, then closes every socket with 1001 (going away). */
  close(): Promise<void>;
}

/** What the transport knows of one connection once `connection_init` is accepted. */
interface Connection {
  id: string;
  credential: CallerCredential;
  credentialHash: string;
  logger: Logger;
  /** Operation ids of the subscriptions running on it (for the gauge). */
  subscriptions: Set<string>;
}

type Ctx = WsContext<Record<string, unknown>, Extra & Partial<{ connection: Connection }>>;

export function startLiveServer(options: LiveServerOptions): LiveServer {
  const { config, upstream, hub, metrics, schema } = options;
  const live = config.live;
  const logger = options.logger.child({ component: 'live' });
  const upstreamLogger = options.logger.child({ component: 'upstream' });
  const apiKeyDigests = config.apiKeys.map(sha256);
  const perCaller = new Map<string, number>();
  const check = documentChecker({
    schema,
    limits: config.limits,
    introspection: config.graphql.introspection,
  });

  // maxPayload: the HTTP body limit; a subscribe message is a query and its variables like a POST body.
  // noServer: with `server`, ws would re-emit the HTTP server's errors (EADDRINUSE at listen) as its own, which
  // graphql-ws treats as fatal; upgrades are routed here instead, and any path but /graphql is refused.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.httpServer.on('upgrade', onUpgrade);

  /** formatError's policy (ours and graphql-js's request errors shown, anything else masked and logged). */
  const format = (ctx: Ctx, operationId: string, errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      // graphql-js's own request errors (variables that do not coerce, say) carry no code; Apollo calls them
      // BAD_USER_INPUT over HTTP, and so does this transport.
      const coded =
        error.originalError === undefined && error.extensions.code === undefined
          ? new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } })
          : error;
      // `extensions.http` is for Apollo's HTTP status; over a socket it means nothing (Apollo strips it too).
      const { http: _http, ...extensions } = coded.toJSON().extensions ?? {};
      const formatted = formatError({ ...coded.toJSON(), extensions }, coded);
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
        ctx.extra.connection?.logger.error(
          { operationId, err: error.originalError ?? error },
          'unexpected error (masked as INTERNAL_SERVER_ERROR)',
        );
      }
      return formatted;
    });

  const contextFor = (connection: Connection, operationId: string): LiveContext => {
    const requestId = `${connection.id}:${operationId}`;
    const facts = (): RequestFacts => ({
      requestId,
      credential: connection.credential,
      mode: config.mode,
      logger: connection.logger,
      upstreamLogger,
      deadline: Date.now() + config.requestTimeoutMs,
      noCache: false,
      maxPageSize: config.maxPageSize,
    });
    const context = createContext(upstream, facts()) as LiveContext;
    context.live = {
      hub,
      credential: connection.credential,
      refresh: () => Object.assign(context, createContext(upstream, facts())),
    };
    return context;
  };

  const server = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      schema,
      connectionInitWaitTimeout: live.initTimeoutMs,
      onConnect: (ctx: Ctx) => {
        const auth = connectionCredential(config, ctx.connectionParams, apiKeyDigests);
        if (!auth.ok) {
          logger.info({ closeCode: auth.code }, 'live connection refused');
          ctx.extra.socket.close(auth.code, auth.reason);
          return false;
        }
        const credentialHash = upstream.credentialHash(auth.credential);
        const open = perCaller.get(credentialHash) ?? 0;
        if (open >= live.maxConnectionsPerCaller) {
          logger.info({ closeCode: CLOSE_TOO_MANY_CONNECTIONS }, 'live connection refused');
          ctx.extra.socket.close(
            CLOSE_TOO_MANY_CONNECTIONS,
            `Too many connections for this credential (LIVE_MAX_CONNECTIONS_PER_CALLER=${live.maxConnectionsPerCaller})`,
          );
          return false;
        }
        perCaller.set(credentialHash, open + 1);
        const id = randomUUID();
        const connection: Connection = {
          id,
          credential: auth.credential,
          credentialHash,
          logger: logger.child({ connectionId: id }),
          subscriptions: new Set(),
        };
        ctx.extra.connection = connection;
        metrics.live.connection(1);
        connection.logger.info({ mode: config.mode }, 'live connection open');
        return true;
      },
      onClose: (ctx: Ctx, code?: number) => {
        const connection = ctx.extra.connection;
        if (connection === undefined) return;
        const open = (perCaller.get(connection.credentialHash) ?? 1) - 1;
        if (open <= 0) perCaller.delete(connection.credentialHash);
        else perCaller.set(connection.credentialHash, open);
        metrics.live.connection(-1);
        for (const _ of connection.subscriptions) metrics.live.subscription(-1);
        connection.subscriptions.clear();
        connection.logger.info({ closeCode: code }, 'live connection closed');
      },
      onSubscribe: (ctx: Ctx, id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const connection = ctx.extra.connection as Connection;
        // graphql-ws counts this one already.
        if (Object.keys(ctx.subscriptions).length > live.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `At most ${live.maxSubscriptionsPerConnection} operations per connection ` +
                '(LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one, or open another connection.',
              { extensions: { code: LIMIT_ERROR_CODE } },
            ),
          ];
        }
        const variables = payload.variables ?? {};
        const checked = check(payload.query, variables, payload.operationName);
        if ('errors' in checked) {
          connection.logger.info(
            { operationId: id, errorCodes: checked.errors.map((e) => e.extensions.code) },
            'live operation rejected',
          );
          return checked.errors;
        }
        connection.logger.info(
          { operationId: id, operationName: payload.operationName ?? null },
          'live operation',
        );
        return {
          schema,
          document: checked.document,
          variableValues: variables,
          operationName: payload.operationName ?? null,
          contextValue: contextFor(connection, id),
        };
      },
      onOperation: (ctx: Ctx, id, _payload, _args, result) => {
        if (Symbol.asyncIterator in result) {
          const connection = ctx.extra.connection as Connection;
          connection.subscriptions.add(id);
          metrics.live.subscription(1);
          connection.logger.debug({ operationId: id }, 'live subscription started');
        }
        return undefined;
      },
      onComplete: (ctx: Ctx, id) => {
        if (ctx.extra.connection?.subscriptions.delete(id) === true) metrics.live.subscription(-1);
      },
      onNext: (ctx: Ctx, id, _payload, _args, result) =>
        result.errors === undefined ? undefined : { ...result, errors: format(ctx, id, result.errors) },
      onError: (ctx: Ctx, id, _payload, errors) => format(ctx, id, errors),
    },
    wss,
    live.keepAliveMs > 0 ? live.keepAliveMs : 0,
  );

  return {
    async close() {
      options.httpServer.off('upgrade', onUpgrade);
      await hub.close();
      await server.dispose();
    },
  };
}
