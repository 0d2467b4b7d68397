import type { TestGateway } from '../../helpers/gateway.js';
import { codes, run, startGateway } from './support.js';

/**
 * Partial data (issue 13): every root field that calls SailPoint is nullable, so when one fails (bad input, a
 * 4xx, a 5xx, a 429, a timeout) only that field is null, with its error, and a sibling root field in the same
 * operation still answers. A dashboard query never loses every panel to one failing one.
 */

const TIMEOUT_MS = 300;

let gw: TestGateway;
beforeAll(async () => {
  // No retries: each failure costs exactly one upstream request, so the request log can be asserted exactly.
  gw = await startGateway({ env: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), UPSTREAM_MAX_RETRIES: '0' } });
});
afterAll(async () => {
  await gw.stop();
});
afterEach(() => {
  gw.tenant.clearFaults();
});

const TOO_LONG_ID = 'x'.repeat(200);

interface RootCase {
  field: string;
  /** The field under test, aliased `failing`, with valid arguments. */
  valid: () => string;
  /** The same field with arguments the gateway rejects before any upstream call. */
  invalid: string;
  /** The upstream path the field calls (faults are injected there). */
  upstream: RegExp;
  /** A sibling root field on another endpoint, aliased `sibling`. */
  sibling: string;
  siblingUpstream: RegExp;
}

const WORKFLOWS = /^\/workflows\/v1$/;
const STATUSES = /^\/trigger-invocations\/v1\/status$/;
const WORKFLOWS_SIBLING = 'sibling: workflows(first: 1) { nodes { id } }';
const STATUSES_SIBLING = 'sibling: triggerInvocationStatuses(first: 1) { nodes { id } }';

const ROOTS: RootCase[] = [
  {
    field: 'workflows',
    valid: () => 'failing: workflows(first: 2) { totalCount nodes { id } }',
    invalid: 'failing: workflows(first: -1) { nodes { id } }',
    upstream: WORKFLOWS,
    sibling: STATUSES_SIBLING,
    siblingUpstream: STATUSES,
  },
  {
    field: 'workflow',
    valid: () => `failing: workflow(id: "${gw.tenant.data.workflows[0]?.id}") { id name }`,
    invalid: `failing: workflow(id: "${TOO_LONG_ID}") { id name }`,
    upstream: WORKFLOWS,
    sibling: STATUSES_SIBLING,
    siblingUpstream: STATUSES,
  },
  {
    field: 'workflowExecution',
    valid: () =>
      `failing: workflowExecution(id: "${gw.tenant.data.retainedExecutions[0]?.id}") { id status }`,
    invalid: `failing: workflowExecution(id: "${TOO_LONG_ID}") { id status }`,
    upstream: /^\/workflow-executions\/v1\/[^/]+$/,
    sibling: WORKFLOWS_SIBLING,
    siblingUpstream: WORKFLOWS,
  },
  {
    field: 'triggerInvocationStatuses',
    valid: () => 'failing: triggerInvocationStatuses(first: 2) { totalCount nodes { id } }',
    invalid: 'failing: triggerInvocationStatuses(first: 2, after: "not-a-cursor") { nodes { id } }',
    upstream: STATUSES,
    sibling: WORKFLOWS_SIBLING,
    siblingUpstream: WORKFLOWS,
  },
  {
    field: 'accountActivities',
    valid: () => 'failing: accountActivities(first: 2) { totalCount nodes { id } }',
    invalid: 'failing: accountActivities(regardingIdentity: "me", requestedBy: "x") { nodes { id } }',
    upstream: /^\/account-activities\/v1$/,
    sibling: WORKFLOWS_SIBLING,
    siblingUpstream: WORKFLOWS,
  },
  {
    field: 'accountActivity',
    valid: () => `failing: accountActivity(id: "${gw.tenant.data.accountActivities[0]?.id}") { id name }`,
    invalid: `failing: accountActivity(id: "${TOO_LONG_ID}") { id name }`,
    upstream: /^\/account-activities\/v1\/[^/]+$/,
    sibling: WORKFLOWS_SIBLING,
    siblingUpstream: WORKFLOWS,
  },
];

interface Failure {
  name: string;
  code: string;
  /** Injects the failure on the root's upstream path; undefined for bad input (which never reaches it). */
  fault?: (root: RootCase) => void;
}

const FAILURES: Failure[] = [
  { name: 'bad input', code: 'BAD_USER_INPUT' },
  { name: 'a 4xx', code: 'FORBIDDEN', fault: (r) => gw.tenant.addFault({ path: r.upstream, status: 403 }) },
  {
    name: 'a 5xx',
    code: 'UPSTREAM_ERROR',
    fault: (r) => gw.tenant.addFault({ path: r.upstream, status: 502 }),
  },
  {
    name: 'a 429',
    code: 'RATE_LIMITED',
    // Retry-After far beyond the operation deadline: answered at once, not waited for.
    fault: (r) => gw.tenant.addFault({ path: r.upstream, status: 429, headers: { 'Retry-After': '60' } }),
  },
  {
    name: 'a timeout',
    code: 'UPSTREAM_TIMEOUT',
    fault: (r) => gw.tenant.addFault({ path: r.upstream, delayMs: TIMEOUT_MS * 2, times: 1 }),
  },
];

const CASES = ROOTS.flatMap((root) =>
  FAILURES.map((failure) => [root.field, failure.name, root, failure] as const),
);

describe('a failing root field is null on its own; its sibling still answers', () => {
  it.each(CASES)('%s failing with %s', async (_field, _failure, root, failure) => {
    failure.fault?.(root);
    const selection = failure.fault === undefined ? root.invalid : root.valid();
    const result = await run<{ failing: unknown; sibling: { nodes: { id: string }[] } | null }>(
      gw,
      `{ ${selection} ${root.sibling} }`,
    );
    expect(result.status).toBe(200);
    expect(result.body.data?.failing).toBeNull();
    expect(result.body.data?.sibling?.nodes).toHaveLength(1);
    expect(codes(result.errors)).toEqual([failure.code]);
    expect(result.errors[0]?.path).toEqual(['failing']);
    // Bad input keeps the rule: no upstream call for the rejected field. Every other failure is one call (the
    // tenant does not log a call the gateway gave up on, so the timeout's call is only in the gateway's count).
    const calls = failure.fault === undefined ? 0 : 1;
    expect(result.body.extensions?.upstream?.requests).toBe(1 + calls);
    const paths = result.upstream.map((r) => r.path);
    expect(paths.filter((p) => root.siblingUpstream.test(p))).toHaveLength(1);
    expect(paths.filter((p) => root.upstream.test(p))).toHaveLength(
      failure.code === 'UPSTREAM_TIMEOUT' ? 0 : calls,
    );
  });

  it('the same root field succeeds once the fault is gone (the failures above were not sticky)', async () => {
    for (const root of ROOTS) {
      const result = await run<{ failing: unknown }>(gw, `{ ${root.valid()} ${root.sibling} }`);
      expect({ field: root.field, errors: result.errors }).toEqual({ field: root.field, errors: [] });
      expect(result.body.data?.failing).not.toBeNull();
    }
  });
});

describe('a nested field that fails on its own keeps its parent', () => {
  it('totalCount is null (UPSTREAM_ERROR) when SailPoint sends no count; the page still answers', async () => {
    // Both the counted page call and the separate count call come back without X-Total-Count.
    gw.tenant.addFault({ path: /^\/account-activities\/v1$/, status: 200, body: [], times: 2 });
    const result = await run<{ accountActivities: { totalCount: number | null; nodes: unknown[] } | null }>(
      gw,
      '{ accountActivities(first: 2) { totalCount nodes { id } } }',
    );
    expect(result.body.data).toEqual({ accountActivities: { totalCount: null, nodes: [] } });
    expect(codes(result.errors)).toEqual(['UPSTREAM_ERROR']);
    expect(result.errors[0]?.path).toEqual(['accountActivities', 'totalCount']);
  });
});
