import type { DemoWorkflow, RecordedRequest } from '../../../src/demo-tenant/index.js';
import {
  startTestGateway,
  type GraphQLBody,
  type GraphQLErrorBody,
  type TestGateway,
  type TestGatewayOptions,
} from '../../helpers/gateway.js';

/**
 * Shared setup of the end-to-end gateway tests: a real gateway in front of a real demo tenant, both on port 0.
 * Rate limits are raised on both sides so property tests never wait on pacing (pacing has its own tests), and
 * every query sends `Cache-Control: no-cache` so each one reaches the tenant and its upstream requests can be
 * asserted exactly (the shared cache would otherwise answer repeated windows).
 */
export const FAST_ENV = { UPSTREAM_RATE_LIMIT: '100000/10s' } as const;
/** Data anchor of the tenant: fixed, so date filters cut through the seeded data the same way on every run. */
export const NOW = Date.parse('2026-03-15T12:00:00Z');
export const FAST_TENANT = {
  rateLimit: { requests: 100_000, windowMs: 10_000 },
  latencyMs: 0,
  now: NOW,
} as const;

export function startGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  return startTestGateway({
    ...options,
    env: { ...FAST_ENV, ...options.env },
    tenant: { ...FAST_TENANT, ...options.tenant },
  });
}

/** The file's gateway, started by `useGateway()`. */
export let gw: TestGateway;

/**
 * One gateway for the whole file, started in beforeAll (starting the seeded tenant is the slow part) and stopped
 * in afterAll. After each test the tenant's latency and faults are reset, so a test that slows or breaks the
 * tenant does not change the next one.
 */
export function useGateway(): void {
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.stop();
  });
  afterEach(() => {
    gw.tenant.setLatency(FAST_TENANT.latencyMs);
    gw.tenant.clearFaults();
  });
}

export interface Run<TData> {
  status: number;
  body: GraphQLBody<TData>;
  data: TData;
  errors: GraphQLErrorBody[];
  /** Data requests the tenant received for this query (token calls excluded), oldest first. */
  upstream: RecordedRequest[];
}

/**
 * Runs one operation with a fresh request log and no cache reads, and returns its upstream requests.
 * `data` is `body.data` (cast; assert on `errors` before trusting it).
 */
export async function run<TData = Record<string, unknown>>(
  gw: TestGateway,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string | null> = {},
): Promise<Run<TData>> {
  gw.tenant.clearRequests();
  const { status, body } = await gw.query<TData>(query, variables, {
    'cache-control': 'no-cache',
    ...headers,
  });
  return {
    status,
    body,
    data: body.data as TData,
    errors: body.errors ?? [],
    upstream: dataRequests(gw),
  };
}

/** The tenant's log without /oauth/token calls. */
export function dataRequests(gw: TestGateway): RecordedRequest[] {
  return gw.tenant.requests.filter((r) => r.path !== '/oauth/token');
}

/** Method, path and decoded query of each request, for exact assertions. */
export const requestsOf = (
  requests: readonly RecordedRequest[],
): { path: string; query: Record<string, string> }[] =>
  requests.map((r) => {
    expect(r.method).toBe('GET');
    return { path: r.path, query: { ...r.query } };
  });

/** An RFC 3339 instant as nanoseconds since the epoch, exact beyond milliseconds (SailPoint sends nanoseconds). */
export function instant(ts: string): bigint {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (m === null) throw new Error(`not an RFC 3339 instant: ${ts}`);
  return BigInt(Date.parse(`${m[1]}${m[3]}`)) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

export const compareInstants = (a: string, b: string): number => {
  const x = instant(a);
  const y = instant(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const codes = (errors: readonly GraphQLErrorBody[]): string[] =>
  errors.map((e) => String(e.extensions?.code));

/** Asserts a query succeeded without GraphQL errors and returns its data (a failed assertion shows the errors). */
export function ok<TData>(result: Run<TData>): TData {
  expect(result.errors).toEqual([]);
  expect(result.status).toBe(200);
  return result.data;
}

/** Sorted copy of `xs` by `key`, ascending, nulls last; ties broken by the original order (stable). */
export function sortBy<T>(xs: readonly T[], compare: (a: T, b: T) => number): T[] {
  return xs
    .map((x, i) => ({ x, i }))
    .sort((a, b) => compare(a.x, b.x) || a.i - b.i)
    .map(({ x }) => x);
}

export const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A page of any connection, with the fields the workflow tests select. */
export interface Connection<T> {
  totalCount?: number;
  pageInfo: PageInfo;
  edges?: { cursor: string; node: T }[];
  nodes: T[];
}

/** A page of edges, as the pagination tests select it. */
export interface Page {
  totalCount?: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: { id: string } }[];
}

export const edgeIds = (page: Page): string[] => page.edges.map((e) => e.node.id);

/** The one request behind every workflow read: the v1 list endpoint takes no paging, filter or sort parameters. */
export const WORKFLOW_LIST = { path: '/workflows/v1', query: {} };

/** The tenant's workflows, in its order. */
export const demoWorkflows = (): readonly DemoWorkflow[] => gw.tenant.data.workflows;
