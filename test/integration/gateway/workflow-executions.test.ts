// Workflow executions: an execution by id with its history (paged upstream, asked once), and a workflow's
// executions connection with its filters, paging and upstream cost.
import type { DemoExecution, DemoWorkflow } from '../../../src/demo-tenant/index.js';
import {
  compareInstants,
  demoWorkflows as workflows,
  gw,
  ids,
  ok,
  requestsOf,
  run,
  useGateway,
  WORKFLOW_LIST as LIST,
  type Connection,
} from './support.js';

useGateway();

describe('workflowExecution(id)', () => {
  const QUERY = `query($id: ID!) {
    workflowExecution(id: $id) { id workflowId requestId startTime closeTime status workflow { id name } }
  }`;

  it('passes nanosecond timestamps through and maps the undocumented "Executing" to UNKNOWN without an error', async () => {
    const executing = gw.tenant.data.retainedExecutions.find(
      (e) => e.status === 'Executing',
    ) as DemoExecution;
    expect(executing).toBeDefined();
    const wf = workflows().find((w) => w.id === executing.workflowId) as DemoWorkflow;
    const result = await run<{ workflowExecution: unknown }>(gw, QUERY, { id: executing.id });
    expect(ok(result).workflowExecution).toEqual({
      id: executing.id,
      workflowId: executing.workflowId,
      requestId: executing.requestId,
      startTime: executing.startTime,
      closeTime: null,
      status: 'UNKNOWN',
      workflow: { id: wf.id, name: wf.name },
    });
    expect(executing.startTime).toMatch(/\.\d{9}Z$/);
    expect(requestsOf(result.upstream)).toEqual([
      { path: `/workflow-executions/v1/${executing.id}`, query: {} },
      LIST,
    ]);
  });

  it('returns a failed execution with its close time verbatim', async () => {
    const failed = gw.tenant.data.retainedExecutions.find((e) => e.status === 'Failed') as DemoExecution;
    const result = await run<{ workflowExecution: { closeTime: string; status: string } }>(gw, QUERY, {
      id: failed.id,
    });
    expect(ok(result).workflowExecution).toMatchObject({
      startTime: failed.startTime,
      closeTime: failed.closeTime,
      status: 'FAILED',
    });
  });

  it('returns null without an error for an unknown (or archived) execution', async () => {
    const archived = gw.tenant.data.executions.find(
      (e) => !gw.tenant.data.retainedExecutions.includes(e),
    ) as DemoExecution;
    const result = await run<{ workflowExecution: unknown; archived: unknown }>(
      gw,
      `query($archived: ID!) {
        workflowExecution(id: "no-such-execution") { id }
        archived: workflowExecution(id: $archived) { id }
      }`,
      { archived: archived.id },
    );
    expect(ok(result)).toEqual({ workflowExecution: null, archived: null });
    expect(requestsOf(result.upstream)).toEqual([
      { path: '/workflow-executions/v1/no-such-execution', query: {} },
      { path: `/workflow-executions/v1/${archived.id}`, query: {} },
    ]);
    expect(result.upstream.map((r) => r.status)).toEqual([404, 404]);
  });

  it('returns the history in order, with event types as enums and timestamps verbatim', async () => {
    const execution = gw.tenant.data.retainedExecutions.find(
      (e) => e.status === 'Completed',
    ) as DemoExecution;
    const history = gw.tenant.data.historyOf(execution.id);
    expect(history.length).toBeGreaterThan(2);
    const result = await run<{ workflowExecution: { history: unknown[] } }>(
      gw,
      'query($id: ID!) { workflowExecution(id: $id) { history { type timestamp attributes } } }',
      { id: execution.id },
    );
    const toEnum = (type: string): string => type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    expect(ok(result).workflowExecution.history).toEqual(
      history.map((e) => ({ type: toEnum(e.type), timestamp: e.timestamp, attributes: e.attributes })),
    );
    expect(requestsOf(result.upstream)).toEqual([
      { path: `/workflow-executions/v1/${execution.id}`, query: {} },
      { path: `/workflow-executions/v1/${execution.id}/history`, query: { limit: '250', offset: '0' } },
    ]);
  });

  // The history endpoint answers 250 events when asked for nothing: the gateway used to return exactly that.
  it('returns a history longer than one upstream page in full, paging it with limit=250 and offset', async () => {
    const { data } = gw.tenant;
    const execution = data.retainedExecutions.find((e) => data.historyOf(e.id).length > 260) as DemoExecution;
    expect(execution).toBeDefined();
    const history = data.historyOf(execution.id);
    expect(history.length).toBeLessThan(500);
    const result = await run<{
      workflowExecution: { history: { timestamp: string; attributes: unknown }[] };
    }>(gw, 'query($id: ID!) { workflowExecution(id: $id) { history { timestamp attributes } } }', {
      id: execution.id,
    });
    expect(ok(result).workflowExecution.history).toEqual(
      history.map((e) => ({ timestamp: e.timestamp, attributes: e.attributes })),
    );
    const path = `/workflow-executions/v1/${execution.id}/history`;
    expect(requestsOf(result.upstream)).toEqual([
      { path: `/workflow-executions/v1/${execution.id}`, query: {} },
      { path, query: { limit: '250', offset: '0' } },
      { path, query: { limit: '250', offset: '250' } },
    ]);
  });

  it('asks for the history once per execution, however many times the operation selects it', async () => {
    const { data } = gw.tenant;
    const execution = data.retainedExecutions.find((e) => data.historyOf(e.id).length > 260) as DemoExecution;
    const result = await run<{ a: { history: unknown[] }; b: { history: unknown[] } }>(
      gw,
      `query($id: ID!) {
        a: workflowExecution(id: $id) { history { timestamp } }
        b: workflowExecution(id: $id) { history { type } }
      }`,
      { id: execution.id },
    );
    const { a, b } = ok(result);
    expect(a.history).toHaveLength(data.historyOf(execution.id).length);
    expect(b.history).toHaveLength(a.history.length);
    expect(result.upstream.map((r) => r.query.offset ?? null)).toEqual([null, '0', '250']);
  });
});

describe('Workflow.executions', () => {
  const busiest = (): DemoWorkflow =>
    workflows().find((w) => w.id === gw.tenant.data.busiestWorkflowId) as DemoWorkflow;

  it('translates the filter to `status eq "Failed" and start_time ge ...` and never asks for a count', async () => {
    const wf = busiest();
    const since = '2026-01-01T00:00:00Z';
    const expected = gw.tenant.data
      .executionsOf(wf.id)
      .filter((e) => e.status === 'Failed' && compareInstants(e.startTime, since) >= 0);
    // The fixed data anchor puts part of the 90-day window before the cut-off, so the filter matters.
    expect(gw.tenant.data.executionsOf(wf.id).some((e) => compareInstants(e.startTime, since) < 0)).toBe(
      true,
    );
    expect(expected.length).toBeGreaterThan(0);

    const result = await run<{
      workflow: { executions: Connection<{ id: string; status: string; startTime: string }> };
    }>(
      gw,
      `query($id: ID!) {
        workflow(id: $id) {
          executions(first: 100, filter: { status: { eq: FAILED }, startTime: { ge: "${since}" } }) {
            pageInfo { hasNextPage hasPreviousPage }
            nodes { id status startTime }
          }
        }
      }`,
      { id: wf.id },
    );
    const { executions } = ok(result).workflow;
    expect(executions.nodes).toEqual(
      expected.slice(0, 100).map((e) => ({ id: e.id, status: 'FAILED', startTime: e.startTime })),
    );
    expect(executions.pageInfo).toEqual({ hasNextPage: expected.length > 100, hasPreviousPage: false });
    expect(requestsOf(result.upstream)).toEqual([
      LIST,
      {
        path: `/workflows/v1/${wf.id}/executions`,
        query: { limit: '101', offset: '0', filters: `status eq "Failed" and start_time ge ${since}` },
      },
    ]);
  });

  it('combines several comparisons on the start time and pages with after', async () => {
    const wf = busiest();
    const all = gw.tenant.data.executionsOf(wf.id);
    const from = '2026-02-01T00:00:00Z';
    const to = '2026-02-15T00:00:00+01:00';
    const expected = all.filter(
      (e) => compareInstants(e.startTime, from) > 0 && compareInstants(e.startTime, to) <= 0,
    );
    expect(expected.length).toBeGreaterThan(20);
    const QUERY = `query($id: ID!, $after: String) {
      workflow(id: $id) {
        executions(first: 10, after: $after, filter: { startTime: { gt: "${from}", le: "${to}" } }) {
          pageInfo { hasNextPage endCursor } nodes { id }
        }
      }
    }`;
    const page1 = await run<{ workflow: { executions: Connection<{ id: string }> } }>(gw, QUERY, {
      id: wf.id,
    });
    const page2 = await run<{ workflow: { executions: Connection<{ id: string }> } }>(gw, QUERY, {
      id: wf.id,
      after: ok(page1).workflow.executions.pageInfo.endCursor,
    });
    expect(ids(ok(page2).workflow.executions.nodes)).toEqual(ids(expected.slice(10, 20)));
    expect(requestsOf(page2.upstream)).toEqual([
      LIST,
      {
        path: `/workflows/v1/${wf.id}/executions`,
        query: { limit: '11', offset: '10', filters: `start_time gt ${from} and start_time le ${to}` },
      },
    ]);
  });

  it('costs one executions call per workflow and one list call however many executions name their workflow', async () => {
    const result = await run<{
      workflows: { nodes: { id: string; executions: { nodes: { workflow: { id: string } }[] } }[] };
    }>(gw, '{ workflows(first: 3) { nodes { id executions(first: 20) { nodes { workflow { id } } } } } }');
    const nodes = ok(result).workflows.nodes;
    for (const node of nodes) {
      expect(node.executions.nodes.every((e) => e.workflow.id === node.id)).toBe(true);
    }
    expect(requestsOf(result.upstream)).toEqual([
      LIST,
      ...nodes.map((n) => ({
        path: `/workflows/v1/${n.id}/executions`,
        query: { limit: '21', offset: '0' },
      })),
    ]);
    expect(result.body.extensions?.upstream?.requests).toBe(4);
  });

  it('rejects `last` without `before` (SailPoint cannot count executions) on that field only', async () => {
    const wf = busiest();
    const result = await run<{ workflow: { id: string; executions: null } }>(
      gw,
      'query($id: ID!) { workflow(id: $id) { id executions(last: 5) { nodes { id } } } }',
      { id: wf.id },
    );
    expect(result.data).toEqual({ workflow: { id: wf.id, executions: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['workflow', 'executions'], extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expect(requestsOf(result.upstream)).toEqual([LIST]);
  });
});
