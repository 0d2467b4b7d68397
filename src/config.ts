import type { ApiPaths, UpstreamConfig } from './upstream/types.js';

/**
 * Every environment variable the gateway reads (DESIGN.md section 2). A deploy test checks that
 * docker-compose sets nothing else, so a misspelt variable cannot silently do nothing.
 */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'NODE_ENV',
  'LOG_LEVEL',
  'SAILPOINT_BASE_URL',
  'SAILPOINT_API_PATHS',
  'SAILPOINT_CLIENT_ID',
  'SAILPOINT_CLIENT_SECRET',
  'GATEWAY_API_KEYS',
  'CACHE_URL',
  'CACHE_TTL_SECONDS',
  'CACHE_TTL_WORKFLOWS_SECONDS',
  'CACHE_COMMAND_TIMEOUT_MS',
  'UPSTREAM_RATE_LIMIT',
  'UPSTREAM_TIMEOUT_MS',
  'UPSTREAM_MAX_RETRIES',
  'MAX_PAGE_SIZE',
  'REQUEST_TIMEOUT_MS',
  'GRAPHQL_INTROSPECTION',
  'GRAPHQL_LANDING_PAGE',
  'GRAPHQL_BATCHING',
  'CORS_ORIGINS',
  'MAX_DEPTH',
  'MAX_ALIASES',
  'MAX_TOKENS',
  'MAX_COST',
  'MAX_UPSTREAM_CALLS',
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];
export type Env = Record<string, string | undefined>;

/**
 * - `demo`: no SAILPOINT_BASE_URL; the embedded demo tenant is the upstream and anonymous callers use its
 *   service account (a bearer token, when sent, is forwarded instead).
 * - `service`: the gateway's own client credentials; callers authenticate with an `x-api-key`.
 * - `pass-through`: the caller's `Authorization: Bearer` is forwarded to SailPoint.
 */
export type GatewayMode = 'demo' | 'service' | 'pass-through';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Most SailPoint requests one operation may be estimated to make (src/limits.ts estimateUpstreamCalls). */
  maxUpstreamCalls: number;
}

export interface GatewayConfig {
  host: string;
  port: number;
  /** NODE_ENV as given (undefined when unset). */
  nodeEnv: string | undefined;
  /** NODE_ENV=production: no introspection, no landing page, CORS only for CORS_ORIGINS. */
  production: boolean;
  /** NODE_ENV=development: stack traces in error responses. */
  development: boolean;
  logLevel: LogLevel;
  mode: GatewayMode;
  /** Where SailPoint is and how the gateway authenticates to it; undefined in demo mode until the tenant runs. */
  sailpoint: { baseUrl: string; auth: UpstreamConfig['auth'] } | undefined;
  /** Everything of UpstreamConfig that does not depend on where SailPoint is. */
  upstream: Omit<UpstreamConfig, 'baseUrl' | 'auth'>;
  /** Accepted `x-api-key` values (service mode). */
  apiKeys: string[];
  maxPageSize: number;
  /** Deadline of one GraphQL operation; upstream pacing and retries give up past it. */
  requestTimeoutMs: number;
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    batching: boolean;
  };
  /** Extra allowed browser origins (the only ones in production). */
  corsOrigins: string[];
  limits: LimitsConfig;
  /** Valid but probably unintended settings; logged once at startup. */
  warnings: string[];
}

/** Thrown by loadConfig with one line per invalid variable, so a bad deploy is fixed in one round. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const API_PATHS: readonly ApiPaths[] = ['v1', 'v2025', 'v2024', 'beta'];
const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'off']);
// A shorter key is guessable in an online attack; 16 random characters is the floor, not the advice.
const MIN_API_KEY_LENGTH = 16;

/**
 * Reads and validates the gateway configuration. Pure: no I/O, no defaults from anywhere but this file.
 * An empty string counts as unset (compose files and CI often set `VAR=`).
 */
export function loadConfig(env: Env): GatewayConfig {
  const problems: string[] = [];
  const read = (name: ConfigVariable): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const int = (
    name: ConfigVariable,
    fallback: number,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
  ): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) {
      problems.push(`${name}: expected a whole number, got "${raw}"`);
      return fallback;
    }
    const value = Number(raw);
    if (value < min || value > max) {
      problems.push(
        `${name}: must be ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`}, got ${raw}`,
      );
      return fallback;
    }
    return value;
  };

  const bool = (name: ConfigVariable, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (TRUE_VALUES.has(raw)) return true;
    if (FALSE_VALUES.has(raw)) return false;
    problems.push(`${name}: expected true or false, got "${raw}"`);
    return fallback;
  };

  const list = (name: ConfigVariable): string[] =>
    (read(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');

  const nodeEnv = read('NODE_ENV');
  const production = nodeEnv === 'production';

  const port = int('PORT', 4000, 0, 65535);
  // Loopback unless told otherwise: `npm start` on a laptop must not expose a service account to the LAN.
  // Containers set HOST=0.0.0.0 (Dockerfile, docker-compose.yml).
  const host = read('HOST') ?? '127.0.0.1';
  if (/\s/.test(host)) problems.push(`HOST: must be a host name or IP address, got "${host}"`);

  const logLevelRaw = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  let logLevel: LogLevel = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}"`);

  const baseUrl = parseBaseUrl(read('SAILPOINT_BASE_URL'), problems);

  const apiPathsRaw = read('SAILPOINT_API_PATHS') ?? 'v1';
  let apiPaths: ApiPaths = 'v1';
  if ((API_PATHS as readonly string[]).includes(apiPathsRaw)) apiPaths = apiPathsRaw as ApiPaths;
  else problems.push(`SAILPOINT_API_PATHS: expected one of ${API_PATHS.join(', ')}, got "${apiPathsRaw}"`);

  const clientId = read('SAILPOINT_CLIENT_ID');
  const clientSecret = read('SAILPOINT_CLIENT_SECRET');
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    problems.push(
      `${clientId === undefined ? 'SAILPOINT_CLIENT_ID' : 'SAILPOINT_CLIENT_SECRET'}: must be set together with ` +
        `${clientId === undefined ? 'SAILPOINT_CLIENT_SECRET' : 'SAILPOINT_CLIENT_ID'} (both = service mode, ` +
        'neither = pass-through mode)',
    );
  }
  const hasBaseUrlVar = read('SAILPOINT_BASE_URL') !== undefined;
  if (!hasBaseUrlVar && (clientId !== undefined || clientSecret !== undefined)) {
    // Demo mode uses the demo tenant's own client; real credentials without a tenant URL are a mistake.
    problems.push(
      'SAILPOINT_CLIENT_ID/SAILPOINT_CLIENT_SECRET: set SAILPOINT_BASE_URL too (unset = demo tenant)',
    );
  }

  const mode: GatewayMode = !hasBaseUrlVar
    ? 'demo'
    : clientId !== undefined && clientSecret !== undefined
      ? 'service'
      : 'pass-through';

  const apiKeys = list('GATEWAY_API_KEYS');
  if (mode === 'service' && apiKeys.length === 0) {
    problems.push(
      'GATEWAY_API_KEYS: required in service mode (SAILPOINT_CLIENT_ID/SECRET set): callers must not reach ' +
        "the service account's data anonymously",
    );
  }
  const shortKeys = apiKeys.filter((k) => k.length < MIN_API_KEY_LENGTH).length;
  if (shortKeys > 0) {
    // Never echo the key itself: this message goes to logs.
    problems.push(`GATEWAY_API_KEYS: ${shortKeys} key(s) shorter than ${MIN_API_KEY_LENGTH} characters`);
  }
  if (apiKeys.some((k) => /\s/.test(k))) problems.push('GATEWAY_API_KEYS: keys must not contain whitespace');
  const warnings: string[] = [];
  if (apiKeys.length > 0 && mode !== 'service') {
    warnings.push(
      `GATEWAY_API_KEYS is ignored in ${mode} mode: ` +
        (mode === 'demo'
          ? 'the demo tenant is open to anonymous callers'
          : 'callers authenticate with their bearer token'),
    );
  }

  const cacheUrl = read('CACHE_URL');
  if (cacheUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(cacheUrl);
      ok = (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    // The URL may hold a Redis password: name the problem, not the value.
    if (!ok)
      problems.push('CACHE_URL: expected redis://host:port or rediss://host:port (unset = in-memory cache)');
  }

  const rateLimit = parseRateLimit(read('UPSTREAM_RATE_LIMIT') ?? '100/10s', problems);

  const corsOrigins = list('CORS_ORIGINS');
  for (const origin of corsOrigins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid) {
      problems.push(
        `CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`,
      );
    }
  }

  const config: GatewayConfig = {
    host,
    port,
    nodeEnv,
    production,
    development: nodeEnv === 'development',
    logLevel,
    mode,
    sailpoint:
      mode === 'demo' || baseUrl === undefined
        ? undefined
        : {
            baseUrl,
            auth:
              mode === 'service' && clientId !== undefined && clientSecret !== undefined
                ? { mode: 'service', clientId, clientSecret }
                : { mode: 'pass-through' },
          },
    upstream: {
      apiPaths,
      timeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1),
      maxRetries: int('UPSTREAM_MAX_RETRIES', 2, 0, 10),
      rateLimit,
      cache: {
        ...(cacheUrl !== undefined ? { url: cacheUrl } : {}),
        ttlSeconds: int('CACHE_TTL_SECONDS', 10, 1),
        workflowTtlSeconds: int('CACHE_TTL_WORKFLOWS_SECONDS', 60, 1),
        commandTimeoutMs: int('CACHE_COMMAND_TIMEOUT_MS', 250, 1),
      },
    },
    apiKeys,
    maxPageSize: int('MAX_PAGE_SIZE', 1000, 1),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 15_000, 1),
    graphql: {
      introspection: bool('GRAPHQL_INTROSPECTION', !production),
      landingPage: bool('GRAPHQL_LANDING_PAGE', !production),
      batching: bool('GRAPHQL_BATCHING', false),
    },
    corsOrigins,
    limits: {
      maxDepth: int('MAX_DEPTH', 15, 1),
      maxAliases: int('MAX_ALIASES', 30, 0),
      maxTokens: int('MAX_TOKENS', 2000, 1),
      maxCost: int('MAX_COST', 50_000, 1),
      // 60 of SailPoint's 100 requests per 10 s, which in service and demo mode every caller shares: room for a
      // dashboard of 50 executions with their history (52: the workflow list, the executions page, 50 histories)
      // or 50 workflows with their executions (51) next to a list or two, while one operation still leaves 40
      // requests of the window to everyone else instead of queueing them behind it until their deadline.
      maxUpstreamCalls: int('MAX_UPSTREAM_CALLS', 60, 1),
    },
    warnings,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function parseBaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`SAILPOINT_BASE_URL: not a URL: "${raw}" (e.g. https://acme.api.identitynow.com)`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`SAILPOINT_BASE_URL: expected an http(s) URL, got "${url.protocol}"`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in the URL would end up in logs and error messages.
    problems.push('SAILPOINT_BASE_URL: must not contain credentials; use SAILPOINT_CLIENT_ID/SECRET');
    return undefined;
  }
  if (url.search !== '' || url.hash !== '') {
    problems.push(`SAILPOINT_BASE_URL: must not have a query or fragment, got "${raw}"`);
    return undefined;
  }
  // Custom API hosts may live under a path; the client appends `/workflows/v1/...`, so drop the trailing slash.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

const WINDOW_UNITS_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/** `100/10s` -> 100 requests per 10 000 ms. The window number may be omitted (`5/s`). */
export function parseRateLimit(raw: string, problems: string[] = []): { requests: number; windowMs: number } {
  const fallback = { requests: 100, windowMs: 10_000 };
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m)$/.exec(raw);
  if (match === null) {
    problems.push(
      `UPSTREAM_RATE_LIMIT: expected N/<window> such as 100/10s, 50/500ms or 600/1m, got "${raw}"`,
    );
    return fallback;
  }
  const requests = Number(match[1]);
  const windowMs = Number(match[2] ?? '1') * WINDOW_UNITS_MS[match[3] as keyof typeof WINDOW_UNITS_MS];
  if (requests < 1 || !Number.isSafeInteger(requests)) {
    problems.push(`UPSTREAM_RATE_LIMIT: at least 1 request per window, got "${raw}"`);
    return fallback;
  }
  if (!(windowMs >= 1) || !Number.isFinite(windowMs)) {
    problems.push(`UPSTREAM_RATE_LIMIT: the window must be at least 1ms, got "${raw}"`);
    return fallback;
  }
  return { requests, windowMs: Math.round(windowMs) };
}

/** The full upstream configuration once the tenant is known (from config, or the demo tenant in demo mode). */
export function toUpstreamConfig(
  config: GatewayConfig,
  demoTenant?: { url: string; credentials: { clientId: string; clientSecret: string } },
): UpstreamConfig {
  if (config.sailpoint !== undefined) return { ...config.upstream, ...config.sailpoint };
  if (demoTenant === undefined) {
    throw new Error('Demo mode (no SAILPOINT_BASE_URL) needs a running demo tenant: pass opts.demoTenant');
  }
  return {
    ...config.upstream,
    baseUrl: demoTenant.url.replace(/\/+$/, ''),
    auth: { mode: 'service', ...demoTenant.credentials },
  };
}
