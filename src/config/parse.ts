/**
 * Parsers of single environment values. Each records a readable problem (never the value of a secret) and returns
 * a fallback, so `loadConfig` can report every invalid variable at once.
 */
import type { ConfigVariable, Env, TracingConfig } from './types.js';

const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'off']);

/** Typed reads of `env`; problems accumulate in `problems`. An empty string counts as unset. */
export interface EnvReader {
  read(name: ConfigVariable): string | undefined;
  int(name: ConfigVariable, fallback: number, min: number, max?: number): number;
  bool(name: ConfigVariable, fallback: boolean): boolean;
  list(name: ConfigVariable): string[];
}

export function envReader(env: Env, problems: string[]): EnvReader {
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
  return { read, int, bool, list };
}

export function parseBaseUrl(raw: string | undefined, problems: string[]): string | undefined {
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

/** Longest max age of a cached operation: a day. Longer would be a stale copy of SailPoint, not a cache. */
export const MAX_RESPONSE_CACHE_SECONDS = 86_400;

/**
 * `Query.workflows=30,Query.triggerInvocationStatuses=10` -> `{ 'Query.workflows': 30, ... }`. Only `Query`
 * fields: an operation is cached when every root field it selects is listed (graphql/plugins/response-cache.ts).
 * Whether the field exists is checked against the schema when the GraphQL server is built.
 */
export function parseResponseCacheFields(
  raw: string | undefined,
  problems: string[] = [],
): Record<string, number> {
  const fields: Record<string, number> = {};
  if (raw === undefined) return fields;
  for (const part of raw.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const match = /^Query\.([_A-Za-z][_0-9A-Za-z]*)\s*=\s*(\d+)$/.exec(part);
    const seconds = Number(match?.[2]);
    if (match === null || !(seconds >= 1 && seconds <= MAX_RESPONSE_CACHE_SECONDS)) {
      problems.push(
        `RESPONSE_CACHE_FIELDS: expected Query.<field>=<seconds 1..${MAX_RESPONSE_CACHE_SECONDS}> (comma-separated), got "${part}"`,
      );
      continue;
    }
    fields[`Query.${match[1]}`] = seconds;
  }
  return fields;
}

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** OpenTelemetry's standard variables, as the spec defines them, for the one exporter this gateway ships (OTLP/HTTP). */
export function parseTracing(reader: EnvReader, problems: string[]): TracingConfig | undefined {
  const { read, bool } = reader;
  const exporter = read('OTEL_TRACES_EXPORTER')?.toLowerCase();
  if (exporter !== undefined && exporter !== 'otlp' && exporter !== 'none') {
    problems.push(`OTEL_TRACES_EXPORTER: this gateway exports with otlp (or none), got "${exporter}"`);
  }
  const base = read('OTEL_EXPORTER_OTLP_ENDPOINT');
  const traces = read('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  // The URLs may carry credentials: name the problem, never the value.
  if (base !== undefined && !isHttpUrl(base))
    problems.push('OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL');
  if (traces !== undefined && !isHttpUrl(traces)) {
    problems.push('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: expected an http(s) URL');
  }
  const headers: Record<string, string> = {};
  for (const pair of (read('OTEL_EXPORTER_OTLP_HEADERS') ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (eq < 0 || name === '') {
      problems.push('OTEL_EXPORTER_OTLP_HEADERS: expected name=value pairs separated by commas');
      continue;
    }
    try {
      headers[name] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      problems.push(`OTEL_EXPORTER_OTLP_HEADERS: the value of ${name} is not percent-encoded correctly`);
    }
  }
  const serviceName = read('OTEL_SERVICE_NAME') ?? 'sailpoint-graphql-gateway';
  if (bool('OTEL_SDK_DISABLED', false) || exporter === 'none') return undefined;
  if (base === undefined && traces === undefined && exporter !== 'otlp') return undefined;
  const tracesUrl = traces ?? `${(base ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
  return { tracesUrl, headers, serviceName };
}
