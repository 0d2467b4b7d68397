import { encodeNodeId } from '../../../src/core/node-id.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { codes, ok, run, startGateway } from './support.js';

/**
 * Relay's `node`/`nodes` over real HTTP against the demo tenant: each Node type resolves through the loaders its
 * typed field uses, so the upstream request log shows no extra calls, and ids the gateway did not issue fail
 * before any call.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});

interface NodeResult {
  __typename: string;
  id: string;
  nodeId: string;
}
const NODE_FIELDS =
  '__typename nodeId ... on Workflow { id } ... on WorkflowExecution { id } ' +
  '... on TriggerInvocationStatus { id } ... on AccountActivity { id }';

const paths = (r: { upstream: { path: string }[] }): string[] => r.upstream.map((u) => u.path);

describe('nodeId', () => {
  it('is the encoding of the type and SailPoint id on every Node type, next to the unchanged id', async () => {
    const workflow = gw.tenant.data.busiestWorkflowId;
    const result = await run<{
      workflow: { id: string; nodeId: string; executions: { nodes: { id: string; nodeId: string }[] } };
      triggerInvocationStatuses: { nodes: { id: string; nodeId: string }[] };
      accountActivities: { nodes: { id: string; nodeId: string }[] };
    }>(
      gw,
      `query($id: ID!) {
        workflow(id: $id) { id nodeId executions(first: 2) { nodes { id nodeId } } }
        triggerInvocationStatuses(first: 2) { nodes { id nodeId } }
        accountActivities(first: 2) { nodes { id nodeId } }
      }`,
      { id: workflow },
    );
    const data = ok(result);
    expect(data.workflow).toMatchObject({ id: workflow, nodeId: encodeNodeId('Workflow', workflow) });
    const pairs: [string, { id: string; nodeId: string }[]][] = [
      ['WorkflowExecution', data.workflow.executions.nodes],
      ['TriggerInvocationStatus', data.triggerInvocationStatuses.nodes],
      ['AccountActivity', data.accountActivities.nodes],
    ];
    for (const [type, nodes] of pairs) {
      expect(nodes).toHaveLength(2);
      for (const n of nodes) expect(n.nodeId).toBe(encodeNodeId(type as 'Workflow', n.id));
    }
  });
});

describe('node and nodes', () => {
  it('answer every workflow of the tenant, and workflow(id) beside them, with the one list call', async () => {
    const workflows = gw.tenant.data.workflows;
    const nodeIds = workflows.map((w) => encodeNodeId('Workflow', w.id));
    const first = workflows[0]?.id as string;
    const result = await run<{ nodes: NodeResult[]; node: NodeResult; workflow: { id: string } }>(
      gw,
      `query($ids: [ID!]!, $one: ID!, $first: ID!) {
        nodes(nodeIds: $ids) { ${NODE_FIELDS} }
        node(nodeId: $one) { ${NODE_FIELDS} }
        workflow(id: $first) { id }
      }`,
      { ids: nodeIds, one: nodeIds[0], first },
    );
    const data = ok(result);
    expect(data.nodes).toEqual(
      workflows.map((w, i) => ({ __typename: 'Workflow', id: w.id, nodeId: nodeIds[i] })),
    );
    expect(data.node).toEqual({ __typename: 'Workflow', id: first, nodeId: nodeIds[0] });
    expect(workflows.length).toBeGreaterThan(10);
    expect(paths(result)).toEqual(['/workflows/v1']);
  });

  it('answer executions, activities and invocation statuses with the calls their typed fields make', async () => {
    const execution = gw.tenant.data.retainedExecutions[0]?.id as string;
    const activity = gw.tenant.data.accountActivities[0]?.id as string;
    const statuses = gw.tenant.data.retainedInvocationStatuses.slice(0, 3).map((s) => s.id);
    const ids = [
      encodeNodeId('WorkflowExecution', execution),
      encodeNodeId('AccountActivity', activity),
      ...statuses.map((s) => encodeNodeId('TriggerInvocationStatus', s)),
      // The same execution again: memoised by its loader.
      encodeNodeId('WorkflowExecution', execution),
    ];
    const result = await run<{ nodes: NodeResult[]; accountActivity: { id: string } }>(
      gw,
      `query($ids: [ID!]!, $activity: ID!) {
        nodes(nodeIds: $ids) { ${NODE_FIELDS} }
        accountActivity(id: $activity) { id }
      }`,
      { ids, activity },
    );
    const data = ok(result);
    expect(data.nodes.map((n) => [n.__typename, n.id])).toEqual([
      ['WorkflowExecution', execution],
      ['AccountActivity', activity],
      ...statuses.map((s) => ['TriggerInvocationStatus', s]),
      ['WorkflowExecution', execution],
    ]);
    const statusCalls = paths(result).filter((p) => p === '/trigger-invocations/v1/status').length;
    // The status list is read once (in windows of 250) however many statuses are asked for.
    const windows = Math.max(1, Math.ceil(gw.tenant.data.retainedInvocationStatuses.length / 250));
    expect(statusCalls).toBe(windows);
    expect(
      paths(result)
        .filter((p) => p !== '/trigger-invocations/v1/status')
        .sort(),
    ).toEqual([`/account-activities/v1/${activity}`, `/workflow-executions/v1/${execution}`].sort());
  });

  it('give null for a well-formed id of something that does not exist', async () => {
    const result = await run<{ node: null; nodes: (NodeResult | null)[] }>(
      gw,
      `query($a: ID!, $b: ID!) { node(nodeId: $a) { nodeId } nodes(nodeIds: [$b]) { nodeId } }`,
      {
        a: encodeNodeId('Workflow', 'no-such-workflow'),
        b: encodeNodeId('AccountActivity', 'no-such-activity'),
      },
    );
    expect(ok(result)).toEqual({ node: null, nodes: [null] });
  });

  it('refuse ids the gateway did not issue with BAD_USER_INPUT and make no upstream call', async () => {
    const workflow = gw.tenant.data.workflows[0]?.id as string;
    const valid = encodeNodeId('Workflow', workflow);
    const tampered = valid.slice(0, 5) + (valid[5] === 'A' ? 'B' : 'A') + valid.slice(6);
    const result = await run<{ node: null; nodes: null[] }>(
      gw,
      `query($ids: [ID!]!) { node(nodeId: "${workflow}") { nodeId } nodes(nodeIds: $ids) { nodeId } }`,
      { ids: [tampered, 'not base64!', ''] },
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ node: null, nodes: [null, null, null] });
    expect(codes(result.errors)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect(result.errors.map((e) => [e.path, e.message])).toEqual(
      expect.arrayContaining([
        [['node'], '`nodeId` is not a node id issued by this gateway (read it from a `nodeId` field)'],
        [
          ['nodes', 0],
          '`nodeIds[0]` is not a node id issued by this gateway (read it from a `nodeId` field)',
        ],
      ]),
    );
    expect(result.upstream).toEqual([]);
  });

  it('fail only the invalid items of a list with valid ones', async () => {
    const workflow = gw.tenant.data.workflows[1]?.id as string;
    const result = await run<{ nodes: (NodeResult | null)[] }>(
      gw,
      `query($ids: [ID!]!) { nodes(nodeIds: $ids) { ${NODE_FIELDS} } }`,
      { ids: ['bogus', encodeNodeId('Workflow', workflow)] },
    );
    expect(result.data.nodes).toEqual([
      null,
      { __typename: 'Workflow', id: workflow, nodeId: encodeNodeId('Workflow', workflow) },
    ]);
    expect(result.errors.map((e) => e.path)).toEqual([['nodes', 0]]);
    expect(paths(result)).toEqual(['/workflows/v1']);
  });
});
