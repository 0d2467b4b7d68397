import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/index.js';

/**
 * Paths pino replaces with `[REDACTED]`. `*` matches one level, so the common nestings are spelt out:
 * a request's headers, an upstream call's options, a credential object.
 */
export const REDACT_PATHS = [
  'authorization',
  'token',
  'access_token',
  'client_secret',
  'clientSecret',
  'apiKey',
  'password',
  'cookie',
  '*.authorization',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.clientSecret',
  '*.apiKey',
  '*.password',
  '*.cookie',
  '*["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'request.headers.authorization',
  'request.headers["x-api-key"]',
  'options.headers.authorization',
  'credential.token',
  'credential.apiKey',
];

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, '$1 [REDACTED]'],
  [/\b(access_token|refresh_token|client_secret|token|api[_-]?key)=([^&\s"']+)/gi, '$1=[REDACTED]'],
  [
    /"(access_token|refresh_token|client_secret|clientSecret|token|apiKey)"\s*:\s*"[^"]*"/gi,
    '"$1":"[REDACTED]"',
  ],
  // A JWT anywhere in free text (SailPoint access tokens are JWTs).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, '[REDACTED]'],
];

/**
 * Scrubs well-known secret shapes from free text (error messages, stacks). Path redaction cannot see into
 * strings, and an error from an HTTP library may quote a header or a token request body.
 */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function errSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error);
  const scrubbed: Record<string, unknown> = { ...serialized };
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') scrubbed[key] = scrubSecrets(value);
  }
  // Errors from HTTP clients carry the request (headers included) as properties: never log those wholesale.
  for (const key of ['options', 'request', 'response', 'config', 'timings']) delete scrubbed[key];
  return scrubbed;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where JSON lines go (stdout by default); tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** The gateway's JSON logger. Every logger of the process should come from here (or be a child of it). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const pinoOptions = {
    level: options.level ?? 'info',
    base: { service: 'sailpoint-graphql-gateway' },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: { err: errSerializer, error: errSerializer },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // pino's default destination is synchronous stdout, so the last lines before process.exit are not lost.
  return options.destination === undefined ? pino(pinoOptions) : pino(pinoOptions, options.destination);
}
