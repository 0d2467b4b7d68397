import { createLoaders } from '../../../src/graphql/context.js';
import type { WorkflowDto, WorkflowExecutionDto } from '../../../src/upstream/types.js';
import { fakeClient } from '../pagination/harness.js';

const workflows: WorkflowDto[] = Array.from({ length: 5 }, (_, i) => ({
  id: `w${i}`,
  name: `Workflow ${i}`,
}));
const executions: WorkflowExecutionDto[] = Array.from({ length: 20 }, (_, i) => ({
  id: `e${i}`,
  workflowId: `w${i % 5}`,
  status: 'Completed',
}));

describe('workflow loaders', () => {
  test('the workflows of 20 executions cost exactly one listWorkflows call', async () => {
    const { client, calls } = fakeClient({ workflows });
    const loaders = createLoaders(client);
    const found = await Promise.all(executions.map((e) => loaders.workflowById.load(e.workflowId as string)));
    expect(found.map((w) => w?.id)).toEqual(executions.map((e) => e.workflowId));
    expect(calls).toEqual([{ method: 'listWorkflows', args: [] }]);
  });

  test('loads in later ticks reuse the same list; a missing id is null', async () => {
    const { client, calls } = fakeClient({ workflows });
    const loaders = createLoaders(client);
    expect(await loaders.workflowById.load('w1')).toMatchObject({ id: 'w1' });
    expect(await loaders.workflowById.load('nope')).toBeNull();
    expect(await loaders.workflowList()).toHaveLength(5);
    expect(calls.map((c) => c.method)).toEqual(['listWorkflows']);
  });

  test('workflowById validates ids like every by-id lookup: an invalid one is BAD_USER_INPUT and costs no call', async () => {
    const { client, calls } = fakeClient({ workflows });
    const loaders = createLoaders(client);
    await expect(loaders.workflowById.load('x'.repeat(20_000))).rejects.toMatchObject({
      message: '`id` must be at most 128 characters long; got 20000',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(loaders.workflowById.load('\uD800')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(calls).toEqual([]);
    // In one batch with valid ids, each key gets its own answer and the list is read once.
    const [valid, invalid, missing] = await Promise.allSettled([
      loaders.workflowById.load('w1'),
      loaders.workflowById.load('w 1'),
      loaders.workflowById.load('nope'),
    ]);
    expect(valid).toMatchObject({ status: 'fulfilled', value: { id: 'w1' } });
    expect(invalid).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'BAD_USER_INPUT' } } });
    expect(missing).toEqual({ status: 'fulfilled', value: null });
    expect(calls).toEqual([{ method: 'listWorkflows', args: [] }]);
  });

  test('a failed list call is not repeated within the request', async () => {
    let count = 0;
    const { client } = fakeClient({});
    client.listWorkflows = () => {
      count++;
      return Promise.reject(new Error('boom'));
    };
    const loaders = createLoaders(client);
    await expect(loaders.workflowById.load('a')).rejects.toThrow('boom');
    await expect(loaders.workflowById.load('b')).rejects.toThrow('boom');
    expect(count).toBe(1);
  });

  test('loaders are per request: a new set calls again', async () => {
    const { client, calls } = fakeClient({ workflows });
    await createLoaders(client).workflowById.load('w1');
    await createLoaders(client).workflowById.load('w1');
    expect(calls).toHaveLength(2);
  });

  test('execution by id and history are memoised per id, not batched (no multi-get endpoint)', async () => {
    const { client, calls } = fakeClient({ executions: { w0: executions }, history: { e1: [] } });
    const loaders = createLoaders(client);
    await Promise.all([
      loaders.workflowExecutionById.load('e1'),
      loaders.workflowExecutionById.load('e1'),
      loaders.workflowExecutionById.load('e2'),
      loaders.workflowExecutionHistory.load('e1'),
      loaders.workflowExecutionHistory.load('e1'),
    ]);
    expect(calls).toEqual([
      { method: 'getWorkflowExecution', args: ['e1'] },
      { method: 'getWorkflowExecution', args: ['e2'] },
      { method: 'getWorkflowExecutionHistory', args: ['e1'] },
    ]);
    expect(await loaders.workflowExecutionById.load('missing')).toBeNull();
    expect(await loaders.workflowExecutionHistory.load('missing')).toBeNull();
  });

  test('execution lists are memoised by their full query, whatever the key order', async () => {
    const { client, calls } = fakeClient({ executions: { w0: executions } });
    const loaders = createLoaders(client);
    await Promise.all([
      loaders.workflowExecutionList.load({
        workflowId: 'w0',
        offset: 0,
        limit: 11,
        filters: 'status eq "Failed"',
      }),
      loaders.workflowExecutionList.load({
        filters: 'status eq "Failed"',
        limit: 11,
        offset: 0,
        workflowId: 'w0',
      }),
      loaders.workflowExecutionList.load({ workflowId: 'w0', offset: 0, limit: 11 }),
      loaders.workflowExecutionList.load({ workflowId: 'w1', offset: 0, limit: 11 }),
    ]);
    expect(calls).toEqual([
      {
        method: 'listWorkflowExecutions',
        args: ['w0', { offset: 0, limit: 11, filters: 'status eq "Failed"' }],
      },
      { method: 'listWorkflowExecutions', args: ['w0', { offset: 0, limit: 11 }] },
      { method: 'listWorkflowExecutions', args: ['w1', { offset: 0, limit: 11 }] },
    ]);
  });
});
