/**
 * The wire: the one got instance of the gateway and a transport that makes exactly one GET attempt. Kept apart
 * from the client (which knows endpoints) and the pipeline (which decides retries) so that the only code that
 * touches got's options and error classes is this file and the token call.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { got, RequestError, TimeoutError } from 'got';
import type { UpstreamConfig } from './config.js';
import { scrubRequestError } from './errors.js';

/**
 * Built once per gateway: connection reuse and the error scrubber. Every call passes its own timeout as an
 * `AbortSignal.timeout`, which got turns into its TimeoutError: it costs one timer, where got's
 * own `timeout` option merges options and arms timers per request phase (about 0.1 ms of CPU per call here).
 */
export function createHttp(config: Pick<UpstreamConfig, 'baseUrl'>) {
  return got.extend({
    prefixUrl: config.baseUrl,
    // Retries are decided by decideRetry (retry.ts), which knows the caller's deadline, Retry-After, the token
    // refresh and the per-attempt accounting that got's own retry would hide.
    retry: { limit: 0 },
    // A redirect would send the Authorization header to wherever SailPoint points; SailPoint's APIs do not redirect.
    followRedirect: false,
    // Statuses are data here: errors.ts maps them, and the body of a 4xx is needed for the message.
    throwHttpErrors: false,
    // Parsed by us: a 502 from a proxy is HTML, and must become UPSTREAM_ERROR rather than a ParseError.
    responseType: 'text',
    headers: { accept: 'application/json', 'user-agent': 'sailpoint-graphql-gateway' },
    hooks: { beforeError: [scrubRequestError] },
  });
}

export type Http = ReturnType<typeof createHttp>;

export interface AttemptRequest {
  path: string;
  searchParams: Record<string, string>;
  authorization: string;
  timeoutMs: number;
  /** Trace context for SailPoint (`traceparent`), when tracing is on. */
  headers?: Readonly<Record<string, string>>;
}

export type AttemptResult =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: 'network'; code: string }
  | { kind: 'timeout' };

/** One GET, no retries. Transport failures come back as values; only programming errors throw. */
export type Transport = (request: AttemptRequest) => Promise<AttemptResult>;

export function createTransport(http: Http): Transport {
  return async ({ path, searchParams, authorization, timeoutMs, headers }) => {
    try {
      const response = await http.get(path, {
        // An object, so got encodes each value exactly once.
        searchParams: Object.keys(searchParams).length > 0 ? searchParams : undefined,
        headers: headers === undefined ? { authorization } : { ...headers, authorization },
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        kind: 'response',
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
      };
    } catch (error) {
      if (error instanceof TimeoutError) return { kind: 'timeout' };
      if (error instanceof RequestError) return { kind: 'network', code: error.code };
      throw error;
    }
  };
}
