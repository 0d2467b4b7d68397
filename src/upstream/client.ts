import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Logger } from 'pino';
import type { TokenGrant } from './auth.js';
import { resolveEndpoint, toSearchParams, type EndpointName, type ResolvedEndpoint } from './endpoints.js';
import { toGatewayError, tokenFailure } from './errors.js';
import type {
  AccountActivityDto,
  AccountActivityQuery,
  ApiPaths,
  InvocationStatusDto,
  ListQuery,
  ListResult,
  UpstreamClient,
  UpstreamConfig,
  UpstreamMetrics,
  WorkflowDto,
  WorkflowExecutionDto,
  WorkflowExecutionEventDto,
} from './types.js';

/**
 * The HTTP side of the upstream layer: one attempt at a time (`createTransport`), the service token call, and
 * `SailPointClient` with one method per endpoint. Retries, caching, coalescing and pacing wrap around this in
 * pipeline.ts.
 *
 * Plain node:http(s) rather than got: every feature got adds per request (retries, redirects, hooks, option
 * normalisation, its stream wrapper, HTTP errors, response parsing) is either unwanted here or done by
 * pipeline.ts, and got's per-request machinery cost ~1.2 ms of CPU per GET of a 36 KB page (measured against a
 * plain request on the same keep-alive agent), more than graphql-js spends executing the query. What is kept from
 * the former got setup, on the wire: the URL (prefix + path, query encoded by URLSearchParams), the headers
 * (accept, user-agent, accept-encoding with gzip/deflate/br decoded here), one overall timeout per attempt, no
 * redirects followed, every status returned as data, the body as UTF-8 text.
 */

/** What every request of the gateway sends; `accept-encoding` as got sent it (large pages compress ~10x). */
const COMMON_HEADERS = {
  accept: 'application/json',
  'user-agent': 'sailpoint-graphql-gateway',
  'accept-encoding': 'gzip, deflate, br',
} as const;

/** Built once per gateway: keep-alive connection reuse to the tenant. */
export function createHttp(config: Pick<UpstreamConfig, 'baseUrl' | 'timeoutMs'>): Http {
  // got's prefixUrl semantics: the base URL (with any path prefix) plus a relative path, joined with one slash.
  const prefix = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  const secure = new URL(prefix).protocol === 'https:';
  // The options of Node 20's global agents, which got used: keep-alive, and idle sockets closed after 5 s, before
  // a server's keep-alive timeout (Node's default is 5 s too) can close one just as a request is written to it.
  const agentOptions = { keepAlive: true, timeout: 5000, scheduling: 'lifo' } as const;
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  return {
    send(request) {
      const url = new URL(prefix + request.path);
      if (request.searchParams !== undefined && Object.keys(request.searchParams).length > 0) {
        // As got did: each value encoded exactly once by URLSearchParams (space as "+").
        url.search = new URLSearchParams(request.searchParams).toString();
      }
      return send(secure ? https.request : http.request, agent, url, request);
    },
    close: () => agent.destroy(),
  };
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Relative to the base URL (no leading slash). */
  path: string;
  searchParams?: Record<string, string>;
  headers?: Record<string, string>;
  /** POST only: sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** For the whole attempt: connect, send, and the complete response body. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Rejections of `Http.send`: the request got no complete HTTP answer. Never carries headers or the body. */
export class HttpRequestError extends Error {
  override readonly name = 'HttpRequestError';
  constructor(
    readonly code: string,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'upstream request timed out' : `upstream request failed: ${code}`);
  }
}

export interface Http {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

function send(
  requestFn: typeof http.request,
  agent: http.Agent,
  url: URL,
  request: HttpRequest,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: HttpRequestError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const body = request.form === undefined ? undefined : new URLSearchParams(request.form).toString();
    const req = requestFn(url, {
      method: request.method,
      agent,
      headers: {
        ...COMMON_HEADERS,
        ...request.headers,
        ...(body === undefined
          ? {}
          : {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': String(Buffer.byteLength(body)),
            }),
      },
    });
    const timer = setTimeout(() => fail(new HttpRequestError('ETIMEDOUT', true)), request.timeoutMs);
    const networkError = (error: unknown): void => {
      const code = (error as { code?: unknown }).code;
      fail(new HttpRequestError(typeof code === 'string' ? code : 'ERR_REQUEST', false));
    };
    req.on('error', networkError);
    req.on('response', (res: IncomingMessage) => {
      const decoded = decode(res);
      if (decoded === undefined) {
        res.resume();
        networkError({ code: 'ERR_CONTENT_ENCODING' });
        return;
      }
      decoded.setEncoding('utf8');
      let text = '';
      decoded.on('data', (chunk: string) => (text += chunk));
      decoded.on('error', networkError);
      // A connection cut in the middle of the body: no complete answer.
      res.on('aborted', () => networkError({ code: 'ECONNRESET' }));
      decoded.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    req.end(body);
  });
}

/** The body stream with its content-encoding undone, or undefined for an encoding we did not ask for. */
function decode(res: IncomingMessage): Readable | undefined {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  // Empty bodies (204, 304, HEAD) may still name an encoding; decompressing nothing would fail.
  if (encoding === 'identity' || encoding === '' || res.statusCode === 204 || res.statusCode === 304)
    return res;
  const options = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip(options)
      : encoding === 'deflate'
        ? zlib.createInflate(options)
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return undefined;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

export interface AttemptRequest {
  path: string;
  searchParams: Record<string, string>;
  authorization: string;
  timeoutMs: number;
}

export type AttemptResult =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: 'network'; code: string }
  | { kind: 'timeout' };

/** One GET, no retries. Transport failures come back as values; only programming errors throw. */
export type Transport = (request: AttemptRequest) => Promise<AttemptResult>;

export function createTransport(http: Http): Transport {
  return async ({ path, searchParams, authorization, timeoutMs }) => {
    try {
      const response = await http.send({
        method: 'GET',
        path,
        searchParams,
        headers: { authorization },
        timeoutMs,
      });
      return { kind: 'response', status: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      if (error instanceof HttpRequestError)
        return error.timedOut ? { kind: 'timeout' } : { kind: 'network', code: error.code };
      throw error;
    }
  };
}

const INVALID_JSON = Symbol('invalid JSON');

export function parseJson(text: string): unknown {
  if (text.trim() === '') return INVALID_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}
export const isInvalidJson = (value: unknown): value is typeof INVALID_JSON => value === INVALID_JSON;

/** `X-Total-Count` as a number, or undefined when absent or not a non-negative integer. */
export function parseTotalCount(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers['x-total-count'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

export const TOKEN_ENDPOINT_TEMPLATE = 'POST /oauth/token';

/**
 * Client-credentials grant against `{baseUrl}/oauth/token`. Not retried (the next request simply tries again),
 * not paced and not counted in `stats.requests`, but reported to metrics under its own endpoint label.
 */
export async function fetchServiceToken(
  http: Http,
  credentials: { clientId: string; clientSecret: string },
  options: { timeoutMs: number; metrics: UpstreamMetrics; logger: Logger; now?: () => number },
): Promise<TokenGrant> {
  const now = options.now ?? Date.now;
  const started = now();
  const secrets = [credentials.clientSecret];
  let response;
  try {
    response = await http.send({
      method: 'POST',
      path: 'oauth/token',
      form: {
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    if (!(error instanceof HttpRequestError)) throw error;
    const timedOut = error.timedOut;
    options.metrics.request(TOKEN_ENDPOINT_TEMPLATE, timedOut ? 'timeout' : 'error', now() - started);
    options.logger.warn({ code: error.code }, 'SailPoint token request failed');
    throw toGatewayError(
      timedOut ? { kind: 'timeout', timeoutMs: options.timeoutMs } : { kind: 'network' },
      secrets,
    );
  }
  options.metrics.request(TOKEN_ENDPOINT_TEMPLATE, response.status, now() - started);
  const body = parseJson(response.body);
  if (response.status === 200 && typeof body === 'object' && body !== null) {
    const { access_token: accessToken, expires_in: expiresIn } = body as Record<string, unknown>;
    if (typeof accessToken === 'string' && accessToken) {
      return { accessToken, expiresInSeconds: typeof expiresIn === 'number' ? expiresIn : Number(expiresIn) };
    }
  }
  options.logger.warn({ status: response.status }, 'SailPoint refused the gateway service token request');
  throw tokenFailure(response.status, isInvalidJson(body) ? undefined : body, secrets);
}

/** What the pipeline is asked to fetch. */
export interface UpstreamRequest {
  endpoint: ResolvedEndpoint;
  searchParams: Record<string, string>;
  /** By-id lookups: a 404 is the answer "does not exist" (null), not an error. */
  notFoundIsNull: boolean;
}

export type UpstreamResult = { found: true; body: unknown; totalCount?: number } | { found: false };

export type Execute = (request: UpstreamRequest) => Promise<UpstreamResult>;

function unexpectedShape(): never {
  throw toGatewayError({ kind: 'invalid-body', status: 200 });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asList<T>(body: unknown): T[] {
  if (!Array.isArray(body) || !body.every(isObject)) return unexpectedShape();
  return body as T[];
}

function asObject<T>(body: unknown): T {
  if (!isObject(body)) return unexpectedShape();
  return body as T;
}

/**
 * One method per SailPoint endpoint (STYLE.md section 1). Bound to one caller through `execute`; it knows paths
 * and query parameters, and the response shapes it promises to resolvers.
 */
export class SailPointClient implements UpstreamClient {
  constructor(
    private readonly execute: Execute,
    private readonly apiPaths: ApiPaths,
  ) {}

  private async fetch(
    name: EndpointName,
    options: { id?: string; searchParams?: Record<string, string>; notFoundIsNull?: boolean } = {},
  ): Promise<UpstreamResult> {
    return this.execute({
      endpoint: resolveEndpoint(this.apiPaths, name, options.id),
      searchParams: options.searchParams ?? {},
      notFoundIsNull: options.notFoundIsNull ?? false,
    });
  }

  private async list<T>(
    name: EndpointName,
    searchParams: Record<string, string>,
    id?: string,
  ): Promise<ListResult<T>> {
    const result = await this.fetch(name, { id, searchParams });
    if (!result.found) return unexpectedShape();
    const page: ListResult<T> = { items: asList<T>(result.body) };
    if (result.totalCount !== undefined) page.totalCount = result.totalCount;
    return page;
  }

  private async byId<T>(name: EndpointName, id: string): Promise<T | null> {
    const result = await this.fetch(name, { id, notFoundIsNull: true });
    return result.found ? asObject<T>(result.body) : null;
  }

  async listWorkflows(): Promise<WorkflowDto[]> {
    // v2025/v1 list workflows has no paging or filtering (quirk Q7): one call returns them all.
    return (await this.list<WorkflowDto>('listWorkflows', {})).items;
  }

  getWorkflow(id: string): Promise<WorkflowDto | null> {
    return this.byId<WorkflowDto>('getWorkflow', id);
  }

  listWorkflowExecutions(workflowId: string, query: ListQuery): Promise<ListResult<WorkflowExecutionDto>> {
    return this.list<WorkflowExecutionDto>('listWorkflowExecutions', toSearchParams(query), workflowId);
  }

  async getWorkflowExecution(id: string): Promise<WorkflowExecutionDto | null> {
    const result = await this.fetch('getWorkflowExecution', { id, notFoundIsNull: true });
    if (!result.found) return null;
    // Quirk Q1: the spec types this 200 as an array while SailPoint documents (and sends) one object.
    if (Array.isArray(result.body)) {
      const [first] = asList<WorkflowExecutionDto>(result.body);
      return first ?? null;
    }
    return asObject<WorkflowExecutionDto>(result.body);
  }

  async getWorkflowExecutionHistory(id: string): Promise<WorkflowExecutionEventDto[] | null> {
    const result = await this.fetch('getWorkflowExecutionHistory', { id, notFoundIsNull: true });
    return result.found ? asList<WorkflowExecutionEventDto>(result.body) : null;
  }

  listTriggerInvocationStatuses(query: ListQuery): Promise<ListResult<InvocationStatusDto>> {
    return this.list<InvocationStatusDto>('listTriggerInvocationStatuses', toSearchParams(query));
  }

  listAccountActivities(query: AccountActivityQuery): Promise<ListResult<AccountActivityDto>> {
    return this.list<AccountActivityDto>('listAccountActivities', toSearchParams(query));
  }

  getAccountActivity(id: string): Promise<AccountActivityDto | null> {
    return this.byId<AccountActivityDto>('getAccountActivity', id);
  }
}

/** A client for a caller that cannot call SailPoint at all (no credential): every call fails with `error`. */
export function failingClient(error: Error): UpstreamClient {
  const fail = (): Promise<never> => Promise.reject(error);
  return {
    listWorkflows: fail,
    getWorkflow: fail,
    listWorkflowExecutions: fail,
    getWorkflowExecution: fail,
    getWorkflowExecutionHistory: fail,
    listTriggerInvocationStatuses: fail,
    listAccountActivities: fail,
    getAccountActivity: fail,
  };
}
