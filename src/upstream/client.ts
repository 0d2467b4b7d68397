/**
 * `SailPointClient`: one method per SailPoint endpoint, bound to one caller through an `Execute` function, and
 * the response shapes it promises to resolvers. It knows paths, query parameters and quirks of the bodies; the
 * wire (http.ts), the token call (service-token.ts) and retries, caching, coalescing and pacing (pipeline.ts)
 * wrap around it.
 */
import { GatewayError } from '../core/errors.js';
import type { ApiPaths } from './config.js';
import { resolveEndpoint, toSearchParams, type EndpointName, type ResolvedEndpoint } from './endpoints.js';
import { toGatewayError } from './errors.js';
import type {
  AccountActivityDto,
  AccountActivityQuery,
  InvocationStatusDto,
  ListQuery,
  ListResult,
  UpstreamClient,
  WorkflowDto,
  WorkflowExecutionDto,
  WorkflowExecutionEventDto,
} from './types.js';

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
