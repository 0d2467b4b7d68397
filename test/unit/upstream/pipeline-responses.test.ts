// What the client makes of SailPoint's responses: quirky execution bodies, X-Total-Count, bodies of the wrong
// shape, 404 on a list, and ids refused before any request.
import { ok, pipelineHarness as harness, status } from './fakes.js';

describe('client: response shapes', () => {
  test('quirk Q1: execution body may be an object or an array', async () => {
    const asObject = harness(() => ok({ id: 'e1', status: 'Completed' }));
    expect(await asObject.client(asObject.call()).getWorkflowExecution('e1')).toEqual({
      id: 'e1',
      status: 'Completed',
    });
    const asArray = harness(() => ok([{ id: 'e1', status: 'Executing' }]));
    expect(await asArray.client(asArray.call()).getWorkflowExecution('e1')).toEqual({
      id: 'e1',
      status: 'Executing',
    });
    const empty = harness(() => ok([]));
    expect(await empty.client(empty.call()).getWorkflowExecution('e1')).toBeNull();
  });

  test('X-Total-Count becomes totalCount', async () => {
    const h = harness(() => ok([{ id: 'a' }], { 'x-total-count': '1234' }));
    expect(await h.client(h.call()).listAccountActivities({ offset: 0, limit: 1, count: true })).toEqual({
      items: [{ id: 'a' }],
      totalCount: 1234,
    });
  });

  test('a body of the wrong shape or not JSON is UPSTREAM_ERROR', async () => {
    const notList = harness(() => ok({ id: 'x' }));
    await expect(notList.client(notList.call()).listWorkflows()).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    const html = harness(() => ({ kind: 'response', status: 200, headers: {}, body: '<html></html>' }));
    await expect(html.client(html.call()).getWorkflow('w')).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  test('404 on a list endpoint is NOT_FOUND, not an empty page', async () => {
    const h = harness(() => status(404, { messages: [{ text: 'Workflow not found' }] }));
    await expect(
      h.client(h.call()).listWorkflowExecutions('nope', { offset: 0, limit: 1 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Not found in SailPoint: Workflow not found',
    });
  });

  test('a bad id fails without a request', async () => {
    const h = harness(() => ok({}));
    await expect(h.client(h.call()).getWorkflow('..')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(h.sent).toHaveLength(0);
  });
});
