// Workflow resolvers: workflow fields and trigger types, the workflows list (filter, order, paging, page size
// limits), federation entities and the callable resolver maps.
import { Workflow, WorkflowExecution } from '../../../src/workflows/resolvers.js';
import { codes, harness } from '../pagination/harness.js';
import { data } from './support.js';

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
