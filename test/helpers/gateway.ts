import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { loadConfig, type GatewayConfig, type LogLevel } from '../../src/config/index.js';
import type { UpstreamStats } from '../../src/graphql/context.js';
import { startDemoTenant } from '../../src/demo-tenant/index.js';
import { createLogger } from '../../src/observability/logger.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import type { TracingOptions } from '../../src/observability/tracing.js';

/**
 * A real gateway on 127.0.0.1:0 in front of a real demo tenant on 127.0.0.1:0, talked to over HTTP.
 * Logs go to memory (tests print nothing) and can be inspected.
 */

export type DemoTenant = Awaited<ReturnType<typeof startDemoTenant>>;
export type DemoTenantOptions = Omit<NonNullable<Parameters<typeof startDemoTenant>[0]>, 'port' | 'host'>;

/** API key of service-mode test gateways (sent by `query` unless overridden). */
export const TEST_API_KEY = 'test-gateway-api-key-0001';

export interface TestGatewayOptions {
  /** demo (default): no SAILPOINT_BASE_URL; service: tenant client credentials + TEST_API_KEY; pass-through: bearer. */
  mode?: 'demo' | 'service' | 'pass-through';
  /** Extra environment for loadConfig, applied last (`undefined` removes a variable). */
  env?: Record<string, string | undefined>;
  /** Options of the demo tenant (port and host are always 0 and 127.0.0.1). */
  tenant?: DemoTenantOptions;
  /** Level of the in-memory log (default `debug`, so tests can look at everything). */
  logLevel?: LogLevel;
  /** Tracing overrides (an in-memory span exporter); tracing is on only with an OTEL_* endpoint in `env`. */
  tracing?: TracingOptions;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLBody<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: GraphQLErrorBody[];
  extensions?: { upstream?: UpstreamStats; [key: string]: unknown };
}

export interface QueryResult<TData> {
  status: number;
  body: GraphQLBody<TData>;
  headers: Headers;
}

/** Header overrides of one request: a string sets a header, `null` removes a default one. */
export type HeaderOverrides = Record<string, string | null>;

export interface TestGateway {
  tenant: DemoTenant;
  gateway: Gateway;
  config: GatewayConfig;
  /** The GraphQL endpoint. */
  url: string;
  /** Scheme, host and port of the gateway (for /healthz, /readyz, /metrics). */
  origin: string;
  /** Sent with every `query` unless overridden: `x-api-key` (service) or `authorization` (pass-through). */
  defaultHeaders: Record<string, string>;
  logger: Logger;
  /** POSTs a GraphQL operation as JSON. Never throws on a GraphQL or HTTP error: assert on the result. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: HeaderOverrides,
  ): Promise<QueryResult<TData>>;
  /** GET on a gateway path (`/healthz`, `/metrics`, ...). */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Parsed JSON log lines written so far. */
  logs(): Record<string, unknown>[];
  /** Raw log output, to assert that a secret never appears. */
  logText(): string;
  clearLogs(): void;
  /** Stops the gateway, then the tenant. Safe to call twice. */
  stop(): Promise<void>;
}

/** A pino logger writing JSON lines into memory, with the gateway's redaction rules. */
export function memoryLogger(level: LogLevel = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l !== ''),
      );
      callback();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const mode = options.mode ?? 'demo';
  const tenant = await startDemoTenant({ ...options.tenant, port: 0, host: '127.0.0.1' });
  const { logger, lines } = memoryLogger(options.logLevel ?? 'debug');
  try {
    const modeEnv: Record<string, string> =
      mode === 'service'
        ? {
            SAILPOINT_BASE_URL: tenant.url,
            SAILPOINT_CLIENT_ID: tenant.credentials.clientId,
            SAILPOINT_CLIENT_SECRET: tenant.credentials.clientSecret,
            GATEWAY_API_KEYS: TEST_API_KEY,
          }
        : mode === 'pass-through'
          ? { SAILPOINT_BASE_URL: tenant.url }
          : {};
    const env: Record<string, string | undefined> = {
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'test',
      // Tests run demo mode under NODE_ENV=production on purpose (introspection off, masking).
      ...(mode === 'demo' ? { DEMO_IN_PRODUCTION: 'true' } : {}),
      ...modeEnv,
      ...options.env,
    };
    const config = loadConfig(env);
    const gateway = await createGateway(config, {
      logger,
      demoTenant: tenant,
      ...(options.tracing !== undefined && { tracing: options.tracing }),
    });

    const defaultHeaders: Record<string, string> =
      mode === 'service'
        ? { 'x-api-key': TEST_API_KEY }
        : mode === 'pass-through'
          ? { authorization: `Bearer ${await tenant.issueToken()}` }
          : {};

    let stopped: Promise<void> | undefined;
    return {
      tenant,
      gateway,
      config,
      url: gateway.url,
      origin: gateway.origin,
      defaultHeaders,
      logger,
      async query<TData>(query: string, variables?: Record<string, unknown>, headers: HeaderOverrides = {}) {
        const merged: Record<string, string> = { 'content-type': 'application/json', ...defaultHeaders };
        for (const [name, value] of Object.entries(headers)) {
          if (value === null) delete merged[name.toLowerCase()];
          else merged[name.toLowerCase()] = value;
        }
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: merged,
          body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
        });
        const text = await response.text();
        let body: GraphQLBody<TData>;
        try {
          body = JSON.parse(text) as GraphQLBody<TData>;
        } catch {
          throw new Error(`Gateway answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
        }
        return { status: response.status, body, headers: response.headers };
      },
      get: (path, headers = {}) => fetch(`${gateway.origin}${path}`, { headers }),
      logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
      logText: () => lines.join('\n'),
      clearLogs: () => {
        lines.length = 0;
      },
      stop() {
        stopped ??= (async () => {
          try {
            await gateway.stop();
          } finally {
            await tenant.stop();
          }
        })();
        return stopped;
      },
    };
  } catch (error) {
    await tenant.stop();
    throw error;
  }
}
