import { isNonNullType, type GraphQLObjectType } from 'graphql';
import { encodeNodeId, type NodeType } from '../../../src/core/node-id.js';
import { buildGatewaySchema } from '../../../src/graphql/schema.js';
import { resolveEndpoint, type EndpointName } from '../../../src/upstream/endpoints.js';
import type { GraphQLErrorBody, TestGateway } from '../../helpers/gateway.js';
import { typeAt, valueAt, withNulls } from '../../helpers/response-paths.js';
import { selectAll, wholeSchemaQueries } from '../../helpers/whole-schema.js';
import { withFailureGateway } from './failures.js';
import { ok, run, type Run } from './support.js';

/**
 * The nested-field audit of partial data (issue 13), systematic: each SailPoint endpoint the gateway knows fails
 * (502) on its own, under a query of every field reachable from each root, and the failure must land on the
 * fields that call that endpoint and nowhere else. At every error's path the value is null and the schema
 * declares that field nullable (so the null did not bubble up past the field that failed), and the rest of the
 * response is exactly what it is without the fault (fields that do not touch the endpoint keep their values).
 */

/** Where a failure of each endpoint may land: the fields whose resolvers call it (`Query.nodes[]`: an item). */
const CALLERS: Record<EndpointName, readonly string[]> = {
  listWorkflows: ['Query.workflows', 'Query.workflow', 'WorkflowExecution.workflow', 'Query.nodes[]'],
  // No resolver reads a single workflow: the list answers every id (workflows/loaders.ts).
  getWorkflow: [],
  listWorkflowExecutions: ['Workflow.executions'],
  getWorkflowExecution: ['Query.workflowExecution', 'Query.nodes[]'],
  getWorkflowExecutionHistory: ['WorkflowExecution.history'],
  listTriggerInvocationStatuses: [
    'Query.triggerInvocationStatuses',
    'TriggerInvocationStatusConnection.totalCount',
    'Query.nodes[]',
  ],
  listAccountActivities: ['Query.accountActivities', 'AccountActivityConnection.totalCount'],
  getAccountActivity: ['Query.accountActivity', 'Query.nodes[]'],
};
const ENDPOINTS = Object.keys(CALLERS) as EndpointName[];

/** The Node types, each asked for through `nodes` (one type per query: their fields of one name conflict). */
const NODE_TYPES: readonly NodeType[] = [
  'Workflow',
  'WorkflowExecution',
  'TriggerInvocationStatus',
  'AccountActivity',
];

/** Every root whose whole query runs below; a root added to the schema must be added here (checked). */
const ROOTS = [
  'workflows',
  'workflow',
  'workflowExecution',
  'triggerInvocationStatuses',
  'accountActivities',
  'accountActivity',
  ...NODE_TYPES.map((type) => `nodes(${type})`),
];

/** The endpoint's paths, from the gateway's own route table (v1 style, which the test gateway uses). */
function pathPattern(name: EndpointName): RegExp {
  const template = resolveEndpoint('v1', name, 'x').template.replace(/^GET /, '');
  const escaped = template.split('{id}').map((part) => part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

const schema = buildGatewaySchema();
let gw: TestGateway;
let queries: Record<string, string>;
const baseline = new Map<string, Run<Record<string, unknown>>>();

/** `nodes` with one id of `type`, selecting every field of it (whole-schema.ts skips node/nodes). */
function nodesQuery(type: NodeType): string {
  const { data } = gw.tenant;
  const ids: Record<NodeType, string | undefined> = {
    Workflow: data.workflows[0]?.id,
    WorkflowExecution: data.retainedExecutions[0]?.id,
    TriggerInvocationStatus: data.retainedInvocationStatuses[0]?.id,
    AccountActivity: data.accountActivities[0]?.id,
  };
  const selection = selectAll(schema.getType(type) as GraphQLObjectType);
  const nodeIds = JSON.stringify([encodeNodeId(type, ids[type] as string)]);
  return `query Whole_nodes_${type} { nodes(nodeIds: ${nodeIds}) { __typename ... on ${type} { ${selection} } } }`;
}

withFailureGateway((started) => {
  gw = started;
});
beforeAll(async () => {
  queries = wholeSchemaQueries(schema, gw.tenant);
  for (const type of NODE_TYPES) queries[`nodes(${type})`] = nodesQuery(type);
  expect(Object.keys(queries).sort()).toEqual([...ROOTS].sort());
  for (const root of ROOTS) {
    const result = await run(gw, queries[root] as string);
    ok(result);
    baseline.set(root, result);
  }
});

/** Where one error landed, as the assertions below read it. */
function landing(error: GraphQLErrorBody, data: unknown) {
  if (error.path === undefined || error.path.length === 0) return { message: error.message, path: null };
  const { type, coordinate } = typeAt(schema, data, error.path);
  return {
    path: error.path.join('.'),
    code: error.extensions?.code,
    coordinate,
    nullable: !isNonNullType(type),
    value: valueAt(data, error.path),
  };
}

describe('one failing endpoint fails only the fields that call it', () => {
  it('the fault-free queries call every endpoint of the route table but getWorkflow (which no resolver uses)', () => {
    const reached = ENDPOINTS.filter((name) =>
      [...baseline.values()].some((r) => r.upstream.some((u) => pathPattern(name).test(u.path))),
    );
    expect(ENDPOINTS.filter((name) => !reached.includes(name))).toEqual(['getWorkflow']);
  });

  const cases = ENDPOINTS.flatMap((endpoint) => ROOTS.map((root) => [endpoint, root] as const));
  it.each(cases)('%s failing (502) under every field of %s', async (endpoint, root) => {
    const pattern = pathPattern(endpoint);
    const before = baseline.get(root) as Run<Record<string, unknown>>;
    gw.tenant.addFault({ path: pattern, status: 502 });
    const result = await run(gw, queries[root] as string);
    const data = result.body.data;
    expect(result.status).toBe(200);
    expect(data).toEqual(expect.any(Object));

    const landed = result.errors.map((error) => landing(error, data));
    const allowed = CALLERS[endpoint];
    const wrong = landed.filter(
      (l) =>
        l.path === null ||
        l.code !== 'UPSTREAM_ERROR' ||
        l.value !== null ||
        !l.nullable ||
        !allowed.includes(l.coordinate),
    );
    expect(wrong).toEqual([]);

    // The rest of the response is untouched: exactly the fault-free answer with the failed fields nulled.
    expect(data).toEqual(
      withNulls(
        before.body.data,
        result.errors.map((e) => e.path ?? []),
      ),
    );
    const hits = (r: Run<unknown>): number => r.upstream.filter((u) => pattern.test(u.path)).length;
    // The fault was hit iff the query calls the endpoint at all, and no failed call was retried.
    expect({ errors: result.errors.length > 0, hit: hits(result) > 0 }).toEqual({
      errors: hits(before) > 0,
      hit: hits(before) > 0,
    });
    expect(hits(result)).toBeLessThanOrEqual(hits(before));
  });
});
