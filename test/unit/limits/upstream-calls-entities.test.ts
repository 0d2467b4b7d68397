// The upstream-call estimate of _entities representations and node ids, each priced by its own type.
import { encodeNodeId } from '../../../src/core/node-id.js';
import { upstreamCallsExceededMessage } from '../../../src/graphql/limits/index.js';
import { ENTITIES, calls, estimate, reps } from './support.js';

describe('estimateUpstreamCalls', () => {
  it('prices _entities of executions and activities at one GET per representation', () => {
    const query = `${ENTITIES} fragment E on WorkflowExecution { id status }`;
    expect(estimate(query, { r: reps('WorkflowExecution', 150) })).toEqual({
      total: 150,
      bySource: { '_entities(WorkflowExecution)': 150 },
    });
    const activities = `${ENTITIES} fragment E on AccountActivity { id name }`;
    expect(calls(activities, { r: reps('AccountActivity', 40) })).toBe(40);
  });

  it('prices Workflow and TriggerInvocationStatus entities as one read of their whole list', () => {
    const workflows = `${ENTITIES} fragment E on Workflow { id name }`;
    expect(calls(workflows, { r: reps('Workflow', 500) })).toBe(1);
    const statuses = `${ENTITIES} fragment E on TriggerInvocationStatus { id failed }`;
    // Up to 2,000 statuses in windows of 250.
    expect(calls(statuses, { r: reps('TriggerInvocationStatus', 500) })).toBe(8);
  });

  it('multiplies the per-item fields of entities by their representations', () => {
    const query = `${ENTITIES}
      fragment E on WorkflowExecution { id history { type } workflow { executions(first: 5) { nodes { id } } } }`;
    expect(estimate(query, { r: reps('WorkflowExecution', 10) })).toEqual({
      total: 10 + 10 + 1 + 10,
      bySource: {
        '_entities(WorkflowExecution)': 10,
        'WorkflowExecution.history': 10,
        'WorkflowExecution.workflow': 1,
        'Workflow.executions': 10,
      },
    });
  });

  it('prices each type of a mixed _entities call by its own representations', () => {
    const query = `${ENTITIES}
      fragment E on _Entity {
        ... on Workflow { name }
        ... on WorkflowExecution { history { type } }
        ... on AccountActivity { name }
        ... on TriggerInvocationStatus { failed }
      }`;
    const r = [
      ...reps('Workflow', 30),
      ...reps('WorkflowExecution', 4),
      ...reps('AccountActivity', 3),
      ...reps('TriggerInvocationStatus', 9),
      { __typename: 'NoSuchType', id: 'x' },
      { id: 'no typename' },
    ];
    expect(calls(query, { r })).toBe(1 + 4 + 4 + 3 + 8);
  });
});

describe('estimateUpstreamCalls of node and nodes', () => {
  const wf = (i: number) => encodeNodeId('Workflow', `wf-${i}`);
  const activity = (i: number) => encodeNodeId('AccountActivity', `aa-${i}`);

  it('prices node ids as the entities of their types, the workflow list once', () => {
    const result = estimate(
      'query($ids: [ID!]!) { nodes(nodeIds: $ids) { nodeId } node(nodeId: "' + wf(9) + '") { nodeId } }',
      { ids: [wf(1), wf(2), activity(1), activity(2), activity(3)] },
    );
    expect(result).toEqual({ total: 4, bySource: { 'nodes(Workflow)': 1, 'nodes(AccountActivity)': 3 } });
  });

  it('walks into the selection of each decoded type', () => {
    const result = estimate(
      `{ node(nodeId: "${wf(1)}") { ... on Workflow { executions(first: 10) { nodes { history { type } } } } } }`,
    );
    expect(result).toEqual({
      total: 12,
      bySource: { 'node(Workflow)': 1, 'Workflow.executions': 1, 'WorkflowExecution.history': 10 },
    });
  });

  it('prices ids the gateway did not issue at nothing (they fail before any call)', () => {
    expect(calls('{ node(nodeId: "wf-1") { nodeId } nodes(nodeIds: ["x", "", "A"]) { nodeId } }')).toBe(0);
  });

  it('advises fewer node ids when they are the most', () => {
    const ids = Array.from({ length: 80 }, (_, i) => activity(i));
    const result = estimate('query($ids: [ID!]!) { nodes(nodeIds: $ids) { nodeId } }', { ids });
    expect(upstreamCallsExceededMessage(result, 60)).toContain(
      'the most, 80, for `nodes(AccountActivity)`. To fit, ask for fewer items with `first`/`last` or send ' +
        'fewer `nodeIds` per request.',
    );
  });
});
