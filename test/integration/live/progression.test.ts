import { liveClient, until, type LiveClient } from '../../helpers/live.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * The demo tenant's progression seen through live subscriptions: after tick(), a subscriber of the busiest
 * workflow's executions gets the started one, and a subscriber of invocation statuses gets the new and the
 * completed ones, each exactly once (counted over further polls, not timed).
 */

let gw: TestGateway;
let client: LiveClient;

beforeEach(async () => {
  gw = await startTestGateway({
    env: { LIVE_POLL_INTERVAL_MS: '20' },
    tenant: { rateLimit: { requests: 100_000, windowMs: 10_000 } },
    logLevel: 'warn',
  });
  client = liveClient(gw.url, {});
});
afterEach(async () => {
  await client.dispose();
  await gw.stop();
});

const polls = (fragment: string) => gw.tenant.requests.filter((r) => r.path.includes(fragment)).length;

test('started executions and new or completed invocations arrive exactly once after tick()', async () => {
  const workflowId = gw.tenant.data.busiestWorkflowId;
  const executions = client.subscribe(
    `subscription W($id: ID!) { workflowExecutions(workflowId: $id) { id status } }`,
    { id: workflowId },
  );
  const invocations = client.subscribe(`subscription { triggerInvocationStatuses { id completed } }`, {});
  // Two polls each: the first one (the baseline) has completed.
  await until(() => polls(`/workflows/v1/${workflowId}/executions`) >= 2, 'execution baseline');
  await until(() => polls('/trigger-invocations') >= 2, 'invocation baseline');
  expect(executions.results).toHaveLength(0);

  const progress = gw.tenant.tick();
  const expectedExecutions = [...progress.started, ...progress.advanced].filter(
    (e) => e.workflowId === workflowId,
  );
  const expectedInvocations = [...progress.invoked, ...progress.completed];
  await until(() => executions.results.length >= expectedExecutions.length, 'execution events');
  await until(() => invocations.results.length >= expectedInvocations.length, 'invocation events');
  const seen = polls('/trigger-invocations');
  await until(() => polls('/trigger-invocations') >= seen + 3, 'three more polls');

  const ids = (results: unknown[], field: string) =>
    results
      .map((r) => ((r as { data: Record<string, { id: string }> }).data[field] as { id: string }).id)
      .sort();
  expect(ids(executions.results, 'workflowExecutions')).toEqual(expectedExecutions.map((e) => e.id).sort());
  expect(ids(invocations.results, 'triggerInvocationStatuses')).toEqual(
    expectedInvocations.map((s) => s.id).sort(),
  );
});
