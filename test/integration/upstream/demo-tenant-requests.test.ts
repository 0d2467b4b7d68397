// The real upstream layer over real HTTP against the demo tenant: endpoints in every path style, query
// encoding, by-id 404s, and the auth modes (caller tokens, one shared service token and its refresh).
import { GatewayError } from '../../../src/core/errors.js';
import type { ApiPaths } from '../../../src/upstream/config.js';
import { callContext, memoryLogger } from '../../unit/upstream/fakes.js';
import {
  build,
  dataRequests,
  issueToken,
  serviceAuth,
  tenant,
  tenantClient,
  useDemoTenant,
} from './setup.js';

useDemoTenant();

describe('endpoints and paths', () => {
  test.each<[ApiPaths, string]>([
    ['v1', ''],
    ['v2025', '/v2025'],
    ['beta', '/beta'],
  ])('every method works in the %s path style', async (apiPaths, prefix) => {
    const { upstream } = build({ apiPaths });
    const client = upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext());
    const { data } = tenant;
    const workflow = data.workflows[0]!;
    const execution = data.executionsOf(data.busiestWorkflowId)[0]!;
    const activity = data.accountActivities[0]!;

    expect(await client.listWorkflows()).toHaveLength(data.workflows.length);
    expect((await client.getWorkflow(workflow.id))?.id).toBe(workflow.id);
    const executions = await client.listWorkflowExecutions(data.busiestWorkflowId, { offset: 0, limit: 5 });
    expect(executions.items).toHaveLength(5);
    expect(executions.totalCount).toBeUndefined();
    expect((await client.getWorkflowExecution(execution.id))?.id).toBe(execution.id);
    expect(await client.getWorkflowExecutionHistory(execution.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: expect.any(String) })]),
    );
    const statuses = await client.listTriggerInvocationStatuses({ offset: 0, limit: 3, count: true });
    expect(statuses.items).toHaveLength(3);
    expect(statuses.totalCount).toBe(data.retainedInvocationStatuses.length);
    const activities = await client.listAccountActivities({ offset: 0, limit: 2, count: true });
    expect(activities.items).toHaveLength(2);
    expect(activities.totalCount).toBeGreaterThanOrEqual(2);
    expect((await client.getAccountActivity(activity.id))?.id).toBe(activity.id);

    const legacy = (resource: string, v1: string) => (prefix ? `${prefix}/${resource}` : `/${v1}`);
    expect(tenant.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      `200 ${legacy('workflows', 'workflows/v1')}`,
      `200 ${legacy(`workflows/${workflow.id}`, `workflows/v1/${workflow.id}`)}`,
      `200 ${legacy(`workflows/${data.busiestWorkflowId}/executions`, `workflows/v1/${data.busiestWorkflowId}/executions`)}`,
      `200 ${legacy(`workflow-executions/${execution.id}`, `workflow-executions/v1/${execution.id}`)}`,
      `200 ${legacy(`workflow-executions/${execution.id}/history`, `workflow-executions/v1/${execution.id}/history`)}`,
      `200 ${legacy('trigger-invocations/status', 'trigger-invocations/v1/status')}`,
      `200 ${legacy('account-activities', 'account-activities/v1')}`,
      `200 ${legacy(`account-activities/${activity.id}`, `account-activities/v1/${activity.id}`)}`,
    ]);
    expect(tenant.requests[5]?.query).toEqual({ limit: '3', offset: '0', count: 'true' });
    expect(tenant.requests[2]?.query).toEqual({ limit: '5', offset: '0' });
  });

  test('query parameters are encoded exactly once', async () => {
    const { upstream } = build();
    const client = upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext());
    const filters = 'type eq "a&b#c%d +\\"q\\" é/?=" and created ge 2020-01-01T00:00:00Z';
    const page = await client.listAccountActivities({
      offset: 0,
      limit: 10,
      filters,
      sorters: '-created,type',
      requestedFor: 'me',
    });
    expect(page.items).toEqual([]);
    expect(tenant.requests[0]?.query).toEqual({
      limit: '10',
      offset: '0',
      filters,
      sorters: '-created,type',
      'requested-for': 'me',
    });
  });

  test('by-id 404 is null; an id cannot escape its path segment', async () => {
    const { upstream } = build();
    const client = upstream.forCaller({ kind: 'bearer', token: issueToken() }, callContext());
    expect(await client.getWorkflow('no-such-workflow')).toBeNull();
    expect(await client.getWorkflowExecution('no-such-execution')).toBeNull();
    expect(await client.getWorkflowExecutionHistory('no-such-execution')).toBeNull();
    expect(await client.getAccountActivity('no-such-activity')).toBeNull();
    expect(await client.getWorkflow('../x')).toBeNull();
    expect(tenant.requests.at(-1)?.path).toBe('/workflows/v1/..%2Fx');
    await expect(client.getWorkflow('..')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(tenant.requests).toHaveLength(5);
  });
});

describe('auth', () => {
  test('pass-through without a token fails UNAUTHENTICATED and calls nothing', async () => {
    const { upstream } = build();
    const client = upstream.forCaller({ kind: 'anonymous' }, callContext());
    await expect(client.listWorkflows()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(tenant.requests).toHaveLength(0);
  });

  test('an expired caller token is UNAUTHENTICATED with SailPoint reason', async () => {
    const { upstream } = build();
    const token = issueToken(-10);
    const call = callContext();
    const error = await upstream
      .forCaller({ kind: 'bearer', token }, call)
      .listWorkflows()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', extensions: { upstreamStatus: 401 } });
    expect((error as GatewayError).message).toMatch(/^SailPoint rejected the credentials: .+/);
    expect((error as GatewayError).message).not.toContain(token);
    expect(call.stats.requests).toBe(1);
  });

  test('service mode: one token fetch for concurrent callers, not counted as a request', async () => {
    const { upstream, metrics } = build({ auth: serviceAuth() });
    const calls = [callContext(), callContext(), callContext()];
    await Promise.all([
      upstream.forCaller({ kind: 'service', apiKey: 'key-1' }, calls[0]!).listWorkflows(),
      upstream
        .forCaller({ kind: 'service', apiKey: 'key-2' }, calls[1]!)
        .getWorkflow(tenant.data.workflows[0]!.id),
      upstream
        .forCaller({ kind: 'anonymous' }, calls[2]!)
        .listTriggerInvocationStatuses({ offset: 0, limit: 1 }),
    ]);
    expect(tenant.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    expect(dataRequests().every((r) => r.clientId === tenantClient.clientId)).toBe(true);
    expect(calls.map((c) => c.stats.requests)).toEqual([1, 1, 1]);
    expect(metrics.requests.filter((r) => r.endpoint === 'POST /oauth/token')).toEqual([
      { endpoint: 'POST /oauth/token', status: 200 },
    ]);
  });

  test('service mode: a 401 refreshes the token once and retries', async () => {
    const { upstream } = build({ auth: serviceAuth() });
    await upstream.forCaller({ kind: 'service', apiKey: 'k' }, callContext()).listWorkflows();
    tenant.addFault({ status: 401, times: 1 });
    const call = callContext({ noCache: true });
    expect(await upstream.forCaller({ kind: 'service', apiKey: 'k' }, call).listWorkflows()).toHaveLength(
      tenant.data.workflows.length,
    );
    expect(tenant.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /oauth/token',
      '200 /workflows/v1',
      '401 /workflows/v1',
      '200 /oauth/token',
      '200 /workflows/v1',
    ]);
    expect(call.stats.requests).toBe(2);
  });

  test('service mode: rejected client credentials are an upstream error that never shows the secret', async () => {
    const log = memoryLogger();
    const secret = 'wrong-secret-0123456789abcdef';
    const { upstream } = build(
      { auth: { mode: 'service', clientId: tenantClient.clientId, clientSecret: secret } },
      log.logger,
    );
    const error = (await upstream
      .forCaller({ kind: 'service', apiKey: 'k' }, callContext({ logger: log.logger }))
      .listWorkflows()
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
    expect(dataRequests()).toHaveLength(0);
  });
});
