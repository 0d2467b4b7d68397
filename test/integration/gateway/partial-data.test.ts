import { isNonNullType } from 'graphql';
import { encodeNodeId } from '../../../src/core/node-id.js';
import { buildGatewaySchema } from '../../../src/graphql/schema.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { UPSTREAM_FAILURES, withFailureGateway } from './failures.js';
import { codes, run } from './support.js';

/**
 * Partial data (issue 13): every root field that calls SailPoint is nullable, so when one fails (bad input, a
 * 4xx, a 5xx, a 429, a timeout) only that field is null, with its error, and a sibling root field in the same
 * operation still answers. A dashboard query never loses every panel to one failing one.
 */

let gw: TestGateway;
withFailureGateway((started) => {
  gw = started;
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
  /** The value of `failing` when it fails (default null): `nodes` keeps its list and nulls each failing item. */
  failed?: unknown;
  /** Where the errors are (default one, on `failing` itself). */
  errorPaths?: (string | number)[][];
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
  {
    field: 'node',
    valid: () =>
      `failing: node(nodeId: "${encodeNodeId('WorkflowExecution', gw.tenant.data.retainedExecutions[0]?.id as string)}") { nodeId }`,
    invalid: 'failing: node(nodeId: "not-a-node-id") { nodeId }',
    upstream: /^\/workflow-executions\/v1\/[^/]+$/,
    sibling: WORKFLOWS_SIBLING,
    siblingUpstream: WORKFLOWS,
  },
  {
    // Two workflows: one list read answers both, so its failure fails both items (and only them).
    field: 'nodes',
    valid: () => {
      const ids = gw.tenant.data.workflows.slice(0, 2).map((w) => encodeNodeId('Workflow', w.id));
      return `failing: nodes(nodeIds: ${JSON.stringify(ids)}) { nodeId }`;
    },
    invalid: 'failing: nodes(nodeIds: ["not-a-node-id", "neither"]) { nodeId }',
    upstream: WORKFLOWS,
    sibling: STATUSES_SIBLING,
    siblingUpstream: STATUSES,
    failed: [null, null],
    errorPaths: [
      ['failing', 0],
      ['failing', 1],
    ],
  },
];

interface Failure {
  name: string;
  code: string;
  /** Injects the failure on the root's upstream path; undefined for bad input (which never reaches it). */
  fault?: (root: RootCase) => void;
  logged?: boolean;
}

const FAILURES: Failure[] = [
  { name: 'bad input', code: 'BAD_USER_INPUT' },
  ...UPSTREAM_FAILURES.map((f) => ({ ...f, fault: (r: RootCase) => f.inject(gw.tenant, r.upstream) })),
];

const CASES = ROOTS.flatMap((root) =>
  FAILURES.map((failure) => [root.field, failure.name, root, failure] as const),
);

/** Query fields that make no SailPoint call (the subgraph SDL), or whose type the federation spec fixes. */
const NOT_IN_TABLE: Record<string, string> = {
  _service: 'the SDL, no SailPoint call',
  _entities: '`[_Entity]!` by the federation spec; its items fail alone (federation/entity-failures.test.ts)',
};

describe('the table covers every root field that calls SailPoint, and each one is nullable', () => {
  it('so one that fails cannot null the whole data', () => {
    const fields = Object.values(buildGatewaySchema().getQueryType()?.getFields() ?? {});
    const calling = fields.filter((f) => !(f.name in NOT_IN_TABLE));
    expect(calling.map((f) => f.name).sort()).toEqual(ROOTS.map((r) => r.field).sort());
    expect(calling.filter((f) => isNonNullType(f.type)).map((f) => `${f.name}: ${String(f.type)}`)).toEqual(
      [],
    );
  });
});

describe('a failing root field is null on its own; its sibling still answers', () => {
  it.each(CASES)('%s failing with %s', async (_field, _failure, root, failure) => {
    failure.fault?.(root);
    const selection = failure.fault === undefined ? root.invalid : root.valid();
    const result = await run<{ failing: unknown; sibling: { nodes: { id: string }[] } | null }>(
      gw,
      `{ ${selection} ${root.sibling} }`,
    );
    const errorPaths = root.errorPaths ?? [['failing']];
    expect(result.status).toBe(200);
    expect(result.body.data?.failing).toEqual(root.failed ?? null);
    expect(result.body.data?.sibling?.nodes).toHaveLength(1);
    expect(codes(result.errors)).toEqual(errorPaths.map(() => failure.code));
    expect(result.errors.map((e) => e.path)).toEqual(errorPaths);
    // Bad input keeps the rule: no upstream call for the rejected field. Every other failure is one call (the
    // tenant does not log a call the gateway gave up on, so the timeout's call is only in the gateway's count).
    const calls = failure.fault === undefined ? 0 : 1;
    expect(result.body.extensions?.upstream?.requests).toBe(1 + calls);
    const paths = result.upstream.map((r) => r.path);
    expect(paths.filter((p) => root.siblingUpstream.test(p))).toHaveLength(1);
    expect(paths.filter((p) => root.upstream.test(p))).toHaveLength(failure.logged === false ? 0 : calls);
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
