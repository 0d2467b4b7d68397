import type http from 'node:http';
import type { HttpServerConfig } from '../config/index.js';

/**
 * How long the server waits for a client, and for how many (HTTP_* variables). Node checks the header and
 * request timeouts only every `connectionsCheckingInterval` (30 s by default), so a stalled socket would live up
 * to 30 s past its timeout: the check runs every second here (a cheap walk over the open connections).
 */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

export function httpServerOptions(config: HttpServerConfig): http.ServerOptions {
  return {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(CONNECTIONS_CHECKING_INTERVAL_MS, config.headersTimeoutMs),
  };
}

/** Settings that are properties of the server rather than constructor options. */
export function applyServerLimits(server: http.Server, config: HttpServerConfig): void {
  // Beyond it Node closes each new connection as it is accepted: those clients see a reset, everyone connected
  // goes on being served.
  server.maxConnections = config.maxConnections;
}
