import type { IncomingHttpHeaders } from 'node:http';
import { got, RequestError, TimeoutError } from 'got';
import type { Logger } from 'pino';
import { GatewayError } from '../core/errors.js';
import type { TokenGrant } from './auth.js';
import { resolveEndpoint, toSearchParams, type EndpointName, type ResolvedEndpoint } from './endpoints.js';
import { scrubRequestError, toGatewayError, tokenFailure } from './errors.js';
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
 * The HTTP side of the upstream layer: the one got instance, one attempt at a time (`createTransport`), the
 * service token call, and `SailPointClient` with one method per endpoint. Retries, caching, coalescing and pacing
 * wrap around this in pipeline.ts.
 */

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
    response = await http.post('oauth/token', {
      form: {
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof TimeoutError;
    options.metrics.request(TOKEN_ENDPOINT_TEMPLATE, timedOut ? 'timeout' : 'error', now() - started);
    if (!(error instanceof RequestError)) throw error;
    options.logger.warn({ code: error.code }, 'SailPoint token request failed');
    throw toGatewayError(
      timedOut ? { kind: 'timeout', timeoutMs: options.timeoutMs } : { kind: 'network' },
      secrets,
    );
  }
  options.metrics.request(TOKEN_ENDPOINT_TEMPLATE, response.statusCode, now() - started);
  const body = parseJson(response.body);
  if (response.statusCode === 200 && typeof body === 'object' && body !== null) {
    const { access_token: accessToken, expires_in: expiresIn } = body as Record<string, unknown>;
    if (typeof accessToken === 'string' && accessToken) {
      return { accessToken, expiresInSeconds: typeof expiresIn === 'number' ? expiresIn : Number(expiresIn) };
    }
  }
  options.logger.warn({ status: response.statusCode }, 'SailPoint refused the gateway service token request');
  throw tokenFailure(response.statusCode, isInvalidJson(body) ? undefined : body, secrets);
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

/** SailPoint's largest `limit` on the history endpoint (UPSTREAM.md section 3). */
export const HISTORY_PAGE_SIZE = 250;
/** 40 sequential calls; far beyond any history seen, it bounds the loop should SailPoint ignore `offset`. */
export const MAX_HISTORY_EVENTS = 10_000;

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

  /**
   * The whole event list, oldest first. The endpoint pages like the lists (limit at most 250, and 250 when none
   * is sent), so one call would silently stop at 250 events: pages of 250 are read one after the other until a
   * short one (a history of exactly 250 events therefore costs a second, empty call). There is no `count` to
   * fetch the pages concurrently. Each page is its own upstream request, so the cache and coalescing apply per page.
   */
  async getWorkflowExecutionHistory(id: string): Promise<WorkflowExecutionEventDto[] | null> {
    const events: WorkflowExecutionEventDto[] = [];
    for (let offset = 0; offset < MAX_HISTORY_EVENTS; offset += HISTORY_PAGE_SIZE) {
      const result = await this.fetch('getWorkflowExecutionHistory', {
        id,
        notFoundIsNull: true,
        searchParams: { limit: String(HISTORY_PAGE_SIZE), offset: String(offset) },
      });
      // Gone between two pages (archived): the execution no longer exists, and a partial history would mislead.
      if (!result.found) return null;
      const page = asList<WorkflowExecutionEventDto>(result.body);
      // A tenant from before the history endpoint learned paging (2026-07-30) ignores both parameters: a first
      // page longer than asked for is then the whole history.
      if (offset === 0 && page.length > HISTORY_PAGE_SIZE) return page;
      events.push(...page.slice(0, HISTORY_PAGE_SIZE));
      if (page.length < HISTORY_PAGE_SIZE) return events;
    }
    // Only an upstream that ignores `offset` keeps sending full pages this long; cutting the history short
    // without saying so is what this loop exists to avoid.
    throw new GatewayError(
      'UPSTREAM_ERROR',
      `SailPoint sent more than ${MAX_HISTORY_EVENTS} history events for this execution; the gateway reads at most that many`,
    );
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
