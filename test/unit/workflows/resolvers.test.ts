import { GatewayError } from '../../../src/core/errors.js';
import { Workflow, WorkflowExecution } from '../../../src/workflows/resolvers.js';
import type { WorkflowDto, WorkflowExecutionDto } from '../../../src/upstream/types.js';
import { codes, harness } from '../pagination/harness.js';

const workflows: WorkflowDto[] = [
  {
    id: 'w1',
    name: 'Provision',
    description: 'Gives access',
    enabled: true,
    executionCount: 12,
    failureCount: 1,
    created: '2026-01-01T10:00:00.123456789Z',
    modified: '2026-02-01T10:00:00Z',
    owner: { type: 'IDENTITY', id: 'id-owner', name: 'Owner' },
    creator: { id: 'id-creator', name: 'Creator' },
    modifiedBy: { type: 'APPLICATION', id: 'app-1', name: 'An app' },
    trigger: { type: 'EVENT', displayName: 'Access request', attributes: { id: 'idn:access-request' } },
    definition: { start: 'a', steps: { a: { type: 'success' } } },
  },
  { id: 'w2', name: 'Nightly', enabled: false, trigger: { type: '' } },
  { id: 'w3', name: 'Webhook', trigger: { type: 'WEBHOOK' } },
];

const executions: WorkflowExecutionDto[] = Array.from({ length: 30 }, (_, i) => ({
  id: `e${i}`,
  workflowId: 'w1',
  requestId: `r${i}`,
  startTime: `2026-03-01T00:00:${String(i).padStart(2, '0')}.000000001Z`,
  closeTime: i === 0 ? null : '2026-03-01T01:00:00Z',
  status: i === 0 ? 'Executing' : i % 2 ? 'Completed' : 'Failed',
}));

const data = {
  workflows,
  executions: { w1: executions, w9: [{ id: 'x1', workflowId: 'w9', status: 'Completed' }] },
  history: {
    e1: [
      {
        type: 'WorkflowExecutionScheduled',
        timestamp: '2026-03-01T00:00:01.000000001Z',
        attributes: { a: 1 },
      },
      { type: 'SomethingNew' },
    ],
  },
};

describe('workflow resolvers', () => {
  test('every workflow field, with trigger, identity references and JSON definition', async () => {
    const h = harness(data);
    const result = await h.run(`{
      workflow(id: "w1") {
        id name description enabled executionCount failureCount created modified definition
        owner { type name identity { id } }
        creator { identity { id } }
        modifiedBy { type identity { id } }
        trigger { type displayName attributes }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['workflow']).toEqual({
      id: 'w1',
      name: 'Provision',
      description: 'Gives access',
      enabled: true,
      executionCount: 12,
      failureCount: 1,
      created: '2026-01-01T10:00:00.123456789Z',
      modified: '2026-02-01T10:00:00Z',
      definition: { start: 'a', steps: { a: { type: 'success' } } },
      owner: { type: 'IDENTITY', name: 'Owner', identity: { id: 'id-owner' } },
      creator: { identity: { id: 'id-creator' } },
      modifiedBy: { type: 'APPLICATION', identity: null },
      trigger: { type: 'EVENT', displayName: 'Access request', attributes: { id: 'idn:access-request' } },
    });
    expect(h.calls.map((c) => c.method)).toEqual(['listWorkflows']);
  });

  test('trigger type "" is NONE; an unknown type is UNKNOWN and logged once per process', async () => {
    const h = harness(data);
    const query = '{ workflows { nodes { id trigger { type } } } }';
    const first = await h.run(query);
    await h.run(query);
    expect(first.data?.['workflows']).toEqual({
      nodes: [
        { id: 'w1', trigger: { type: 'EVENT' } },
        { id: 'w2', trigger: { type: 'NONE' } },
        { id: 'w3', trigger: { type: 'UNKNOWN' } },
      ],
    });
    const warnings = h.logLines().filter((l) => l['enum'] === 'WorkflowTriggerType');
    expect(warnings).toEqual([expect.objectContaining({ value: 'WEBHOOK', level: 40 })]);
  });

  test('a missing workflow or execution is null without an error', async () => {
    const h = harness(data);
    const result = await h.run('{ workflow(id: "nope") { id } workflowExecution(id: "nope") { id } }');
    expect(result).toEqual({ data: { workflow: null, workflowExecution: null } });
  });

  test('workflows: filter, order and page in the gateway over one list call', async () => {
    const h = harness(data);
    const result = await h.run(`{
      workflows(first: 1, filter: { nameContains: "i" }, orderBy: [{ field: NAME, direction: DESC }]) {
        totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }`);
    const page = result.data?.['workflows'] as {
      totalCount: number;
      nodes: unknown[];
      pageInfo: { endCursor: string };
    };
    expect(page.totalCount).toBe(2);
    expect(page.nodes).toEqual([{ id: 'w1' }]);
    const next = await h.run(
      `query($after: String) { workflows(first: 5, after: $after, filter: { nameContains: "i" }, orderBy: [{ field: NAME, direction: DESC }]) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`,
      { after: page.pageInfo.endCursor },
    );
    expect(next.data?.['workflows']).toEqual({
      nodes: [{ id: 'w2' }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
    expect(h.calls.map((c) => c.method)).toEqual(['listWorkflows', 'listWorkflows']);
  });

  test('a cursor used with other filter arguments is BAD_USER_INPUT', async () => {
    const h = harness(data);
    const first = await h.run('{ workflows(first: 1) { pageInfo { endCursor } } }');
    const cursor = (first.data?.['workflows'] as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const result = await h.run(
      'query($c: String) { workflows(first: 1, after: $c, filter: { enabled: true }) { nodes { id } } }',
      { c: cursor },
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/different list/);
  });

  test('page size limits are BAD_USER_INPUT', async () => {
    const h = harness(data, { maxPageSize: 10 });
    expect(codes(await h.run('{ workflows(first: 11) { nodes { id } } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run('{ workflows(first: -1) { nodes { id } } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run('{ workflows(first: 1, last: 1) { nodes { id } } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  test('executions: filter translated, first page with lookahead, statuses mapped, workflows via one list call', async () => {
    const h = harness(data);
    const result = await h.run(`{
      workflow(id: "w1") {
        executions(first: 3, filter: { status: { eq: FAILED }, startTime: { ge: "2026-01-01T00:00:00Z" } }) {
          nodes { id status startTime closeTime requestId workflowId workflow { id name } }
          pageInfo { hasNextPage hasPreviousPage }
        }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const executionsPage = (
      result.data?.['workflow'] as {
        executions: { nodes: { status: string; startTime: string; workflow: unknown }[] };
      }
    ).executions;
    expect(executionsPage.nodes.map((n) => n.status)).toEqual(['UNKNOWN', 'COMPLETED', 'FAILED']);
    expect(executionsPage.nodes[1]?.startTime).toBe('2026-03-01T00:00:01.000000001Z');
    expect(
      executionsPage.nodes.every((n) => JSON.stringify(n.workflow) === '{"id":"w1","name":"Provision"}'),
    ).toBe(true);
    expect(h.calls).toEqual([
      { method: 'listWorkflows', args: [] },
      {
        method: 'listWorkflowExecutions',
        args: [
          'w1',
          { filters: 'status eq "Failed" and start_time ge 2026-01-01T00:00:00Z', offset: 0, limit: 4 },
        ],
      },
    ]);
    expect(h.logLines().filter((l) => l['value'] === 'Executing')).toHaveLength(1);
  });

  test('executions of 20 workflows on a dashboard: each list once, workflows once', async () => {
    const many: WorkflowDto[] = Array.from({ length: 20 }, (_, i) => ({ id: `m${i}` }));
    const h = harness({
      workflows: many,
      executions: Object.fromEntries(many.map((w) => [w.id, [{ id: `x-${w.id}`, workflowId: w.id }]])),
    });
    const result = await h.run(
      '{ workflows { nodes { id a: executions(first: 5) { nodes { id workflow { id } } } b: executions(first: 5) { nodes { id } } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(h.calls.filter((c) => c.method === 'listWorkflows')).toHaveLength(1);
    expect(h.calls.filter((c) => c.method === 'listWorkflowExecutions')).toHaveLength(20);
  });

  test('executions with last and no before cannot be counted: BAD_USER_INPUT on that field only', async () => {
    const h = harness(data);
    const result = await h.run('{ workflow(id: "w1") { id executions(last: 2) { nodes { id } } } }');
    expect(result.data).toEqual({ workflow: { id: 'w1', executions: null } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.path).toEqual(['workflow', 'executions']);
  });

  test('an invalid execution filter is BAD_USER_INPUT and nothing is called for it', async () => {
    const h = harness(data);
    const result = await h.run(
      '{ workflow(id: "w1") { executions(filter: { status: { eq: UNKNOWN } }) { nodes { id } } } }',
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(h.calls.map((c) => c.method)).toEqual(['listWorkflows']);
  });

  test('an invalid DateTime literal or variable is rejected before resolvers run', async () => {
    const h = harness(data);
    const literal = await h.run(
      '{ workflow(id: "w1") { executions(filter: { startTime: { ge: "yesterday" } }) { nodes { id } } } }',
    );
    expect(literal.errors?.[0]?.message).toMatch(/RFC 3339/);
    const variable = await h.run(
      'query($t: DateTime) { workflow(id: "w1") { executions(filter: { startTime: { ge: $t } }) { nodes { id } } } }',
      { t: '2026-01-01T00:00:00' },
    );
    expect(variable.errors?.[0]?.message).toMatch(/RFC 3339/);
    expect(h.calls).toEqual([]);
  });

  test('execution by id with its history; unknown event types are UNKNOWN', async () => {
    const h = harness(data);
    const result = await h.run(
      '{ workflowExecution(id: "e1") { id status history { type timestamp attributes } workflow { id } } }',
    );
    expect(result.data?.['workflowExecution']).toEqual({
      id: 'e1',
      status: 'COMPLETED',
      history: [
        {
          type: 'WORKFLOW_EXECUTION_SCHEDULED',
          timestamp: '2026-03-01T00:00:01.000000001Z',
          attributes: { a: 1 },
        },
        { type: 'UNKNOWN', timestamp: null, attributes: null },
      ],
      workflow: { id: 'w1' },
    });
  });

  test('an execution without history gives null history', async () => {
    const h = harness(data);
    const result = await h.run('{ workflowExecution(id: "e2") { id history { type } } }');
    expect(result).toEqual({ data: { workflowExecution: { id: 'e2', history: null } } });
  });

  test('a failing upstream call stays on its field; siblings resolve', async () => {
    const h = harness(data);
    h.client.getWorkflowExecutionHistory = () =>
      Promise.reject(new GatewayError('UPSTREAM_ERROR', 'SailPoint failed'));
    h.client.listWorkflowExecutions = () =>
      Promise.reject(new GatewayError('RATE_LIMITED', 'slow down', { retryAfter: 3 }));
    const result = await h.run(
      '{ workflowExecution(id: "e2") { id history { type } workflow { id executions { nodes { id } } } } }',
    );
    expect(result.data).toEqual({
      workflowExecution: { id: 'e2', history: null, workflow: { id: 'w1', executions: null } },
    });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions['code']])).toEqual(
      expect.arrayContaining([
        ['workflowExecution.history', 'UPSTREAM_ERROR'],
        ['workflowExecution.workflow.executions', 'RATE_LIMITED'],
      ]),
    );
  });

  test('the workflow of an execution whose workflow was deleted is null', async () => {
    const h = harness(data);
    const result = await h.run('{ workflowExecution(id: "x1") { workflow { id } } }');
    expect(result).toEqual({ data: { workflowExecution: { workflow: null } } });
  });

  test('federation: _entities resolves workflows and executions through the loaders', async () => {
    const h = harness(data);
    const result = await h.run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Workflow { id name } ... on WorkflowExecution { id status } } }`,
      {
        r: [
          { __typename: 'Workflow', id: 'w1' },
          { __typename: 'Workflow', id: 'w2' },
          { __typename: 'Workflow', id: 'gone' },
          { __typename: 'WorkflowExecution', id: 'e3' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_entities']).toEqual([
      { id: 'w1', name: 'Provision' },
      { id: 'w2', name: 'Nightly' },
      null,
      { id: 'e3', status: 'COMPLETED' },
    ]);
    expect(h.calls.map((c) => c.method)).toEqual(['listWorkflows', 'getWorkflowExecution']);
  });

  test('resolver maps are callable as plain functions (makeResolverTypeCallable)', () => {
    expect(typeof Workflow.executions).toBe('function');
    expect(typeof WorkflowExecution.status).toBe('function');
  });
});
