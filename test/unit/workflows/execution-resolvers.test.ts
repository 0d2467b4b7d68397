// Workflow execution resolvers: the executions connection (filters, lookahead, batching, invalid input),
// execution by id with its history, and upstream failures that stay on their field.
import { GatewayError } from '../../../src/core/errors.js';
import type { WorkflowDto } from '../../../src/upstream/types.js';
import { codes, harness } from '../pagination/harness.js';
import { data } from './support.js';

describe('workflow resolvers', () => {
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
});
