import type { WorkflowDto, WorkflowExecutionDto } from '../../../src/upstream/types.js';
import { codes, harness, type Harness } from '../pagination/harness.js';

const workflows: WorkflowDto[] = [
  {
    id: 'w1',
    name: 'Provision',
    owner: { type: 'IDENTITY', id: 'o1', name: 'Owner' },
    trigger: { type: 'EVENT' },
  },
];
const executions: WorkflowExecutionDto[] = Array.from({ length: 30 }, (_, i) => ({
  id: `e${i}`,
  workflowId: 'w1',
  status: 'Completed',
}));

/**
 * Holds the workflow list call open until `release()`, so a test can see which calls started while the
 * workflow (the parent of `executions`) was still unresolved.
 */
function gateWorkflowList(h: Harness): { release: () => void; startedWhileOpen: () => string[] } {
  const original = h.client.listWorkflows.bind(h.client);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let open = true;
  h.client.listWorkflows = async () => {
    const result = await original();
    await gate;
    open = false;
    return result;
  };
  return {
    release,
    startedWhileOpen: () => {
      if (!open) throw new Error('the gate was already released');
      return h.calls.map((c) => c.method);
    },
  };
}

/** Lets every pending promise job and timer-free hop run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('workflow(id) looks ahead to executions', () => {
  test('the executions page is requested before the workflow list resolves; 2 upstream calls in all', async () => {
    const h = harness({ workflows, executions: { w1: executions } });
    const gate = gateWorkflowList(h);
    const pending = h.run(
      `query($id: ID!, $n: Int) {
        workflow(id: $id) { name executions(first: $n) { nodes { id status workflow { name owner { name } } } } }
      }`,
      { id: 'w1', n: 10 },
    );
    await settle();
    expect(gate.startedWhileOpen().sort()).toEqual(['listWorkflowExecutions', 'listWorkflows']);
    gate.release();
    const result = await pending;
    expect(result.errors).toBeUndefined();
    const workflow = result.data?.['workflow'] as { name: string; executions: { nodes: unknown[] } };
    expect(workflow.name).toBe('Provision');
    expect(workflow.executions.nodes).toHaveLength(10);
    expect(workflow.executions.nodes[0]).toEqual({
      id: 'e0',
      status: 'COMPLETED',
      workflow: { name: 'Provision', owner: { name: 'Owner' } },
    });
    expect(h.calls.map((c) => c.method).sort()).toEqual(['listWorkflowExecutions', 'listWorkflows']);
    // The prefetched call asked for exactly the page the child resolver needed (10 plus the lookahead item).
    expect(h.calls.find((c) => c.method === 'listWorkflowExecutions')?.args).toEqual([
      'w1',
      { offset: 0, limit: 11 },
    ]);
  });

  test('aliases and fragments: one prefetch per distinct page, each started early, none repeated', async () => {
    const h = harness({ workflows, executions: { w1: executions } });
    const gate = gateWorkflowList(h);
    const pending = h.run(
      `query($skip: Boolean!) {
        workflow(id: "w1") {
          first: executions(first: 2) { nodes { id } }
          ... on Workflow { again: executions(first: 2) { nodes { id } } }
          ...Later
          skipped: executions(first: 7) @skip(if: $skip) { nodes { id } }
        }
      }
      fragment Later on Workflow { later: executions(first: 3, filter: { status: { eq: FAILED } }) { nodes { id } } }`,
      { skip: true },
    );
    await settle();
    expect(gate.startedWhileOpen().filter((m) => m === 'listWorkflowExecutions')).toHaveLength(2);
    gate.release();
    const result = await pending;
    expect(result.errors).toBeUndefined();
    const executionCalls = h.calls.filter((c) => c.method === 'listWorkflowExecutions');
    expect(executionCalls.map((c) => c.args[1])).toEqual([
      { offset: 0, limit: 3 },
      { offset: 0, limit: 4, filters: 'status eq "Failed"' },
    ]);
    expect(h.calls).toHaveLength(3);
  });

  test('a missing workflow is still null (its prefetched executions call is wasted)', async () => {
    const h = harness({ workflows, executions: { w1: executions } });
    const result = await h.run('{ workflow(id: "nope") { executions(first: 5) { nodes { id } } } }');
    expect(result).toEqual({ data: { workflow: null } });
    expect(h.calls.map((c) => c.method).sort()).toEqual(['listWorkflowExecutions', 'listWorkflows']);
  });

  test('arguments the field rejects make no prefetch and fail on the field as before', async () => {
    const h = harness({ workflows, executions: { w1: executions } });
    const result = await h.run(
      '{ workflow(id: "w1") { name bad: executions(first: 1, after: "nonsense") { nodes { id } } } }',
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data).toEqual({ workflow: { name: 'Provision', bad: null } });
    expect(h.calls.map((c) => c.method)).toEqual(['listWorkflows']);
  });

  test('a failing prefetched call fails the executions field only, reported once', async () => {
    const h = harness({ workflows, executions: { w1: executions } });
    h.client.listWorkflowExecutions = () => Promise.reject(new Error('boom'));
    const result = await h.run('{ workflow(id: "w1") { name executions(first: 1) { nodes { id } } } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.path).toEqual(['workflow', 'executions']);
    expect(result.data).toEqual({ workflow: { name: 'Provision', executions: null } });
  });
});
