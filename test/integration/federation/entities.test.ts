import type { RecordedRequest } from '../../../src/demo-tenant/index.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { startGateway } from '../gateway/support.js';

/**
 * `_entities` for every `@key` type, as a router sends it: many representations in one request, one of them for
 * an id that does not exist. Each test counts the SailPoint requests the request makes (no shared cache:
 * `cache-control: no-cache`), so a lookup that silently became one call per representation (or a whole-list
 * read for one that needs a GET each) fails here. Rate limits are raised (as in the gateway tests) so the
 * ~120 requests of this file never wait on pacing.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw?.stop();
});
beforeEach(() => {
  gw.tenant.clearRequests();
});

const MISSING = 'no-such-id-0000';
const NO_CACHE = { 'cache-control': 'no-cache' };

type Entity = Record<string, unknown> | null;

async function entities(
  representations: { __typename: string; id: string }[],
  selection: string,
): Promise<{ entities: Entity[]; calls: RecordedRequest[] }> {
  const { status, body } = await gw.query<{ _entities: Entity[] }>(
    `query($r: [_Any!]!) { _entities(representations: $r) { __typename ${selection} } }`,
    { r: representations },
    NO_CACHE,
  );
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return {
    entities: body.data?._entities ?? [],
    calls: gw.tenant.requests.filter((r) => r.path !== '/oauth/token'),
  };
}

const refs = (typename: string, ids: readonly string[]) => ids.map((id) => ({ __typename: typename, id }));
/** `n` items evenly apart, so the picks spread over the whole list (and over every upstream window of it). */
const spread = <T>(items: readonly T[], n: number): T[] =>
  Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);

const allExecutions = () => gw.tenant.data.workflows.flatMap((w) => gw.tenant.data.executionsOf(w.id));

describe('_entities', () => {
  it('resolves 40 Workflow representations (and a missing one) from one list call', async () => {
    const workflows = gw.tenant.data.workflows;
    const { entities: result, calls } = await entities(
      [
        ...refs(
          'Workflow',
          workflows.map((w) => w.id),
        ),
        { __typename: 'Workflow', id: MISSING },
      ],
      '... on Workflow { id name enabled }',
    );
    expect(result).toEqual([
      ...workflows.map((w) => ({ __typename: 'Workflow', id: w.id, name: w.name, enabled: w.enabled })),
      null,
    ]);
    expect(calls.map((c) => c.path)).toEqual(['/workflows/v1']);
  });

  it('resolves 100 TriggerInvocationStatus representations by reading the whole list once', async () => {
    const statuses = gw.tenant.data.retainedInvocationStatuses;
    // More than two windows of 250, so the read must page; the picks reach into the last window.
    expect(statuses.length).toBeGreaterThan(500);
    const picked = spread(statuses, 100);
    const { entities: result, calls } = await entities(
      [
        ...refs(
          'TriggerInvocationStatus',
          picked.map((s) => s.id),
        ),
        { __typename: 'TriggerInvocationStatus', id: MISSING },
      ],
      '... on TriggerInvocationStatus { id triggerId subscriptionName created }',
    );
    expect(result).toEqual([
      ...picked.map((s) => ({
        __typename: 'TriggerInvocationStatus',
        id: s.id,
        triggerId: s.triggerId,
        subscriptionName: s.subscriptionName,
        created: s.created,
      })),
      null,
    ]);
    // The minimum for this endpoint: one counted window of 250 tells the total, the remaining windows follow
    // concurrently; no id filter exists, so nothing smaller can find an id.
    const windows = Math.ceil(statuses.length / 250);
    expect(windows).toBe(3);
    expect(calls.map((c) => ({ path: c.path, query: c.query }))).toEqual(
      Array.from({ length: windows }, (_, i) => ({
        path: '/trigger-invocations/v1/status',
        query: {
          offset: String(i * 250),
          limit: String(Math.min(250, statuses.length - i * 250)),
          ...(i === 0 ? { count: 'true' } : {}),
        },
      })),
    );
  });

  it('resolves 40 WorkflowExecution representations with one GET each, the missing one too', async () => {
    const picked = spread(allExecutions(), 40);
    const { entities: result, calls } = await entities(
      [
        ...refs(
          'WorkflowExecution',
          picked.map((e) => e.id),
        ),
        { __typename: 'WorkflowExecution', id: MISSING },
      ],
      '... on WorkflowExecution { id workflowId startTime }',
    );
    expect(result).toEqual([
      ...picked.map((e) => ({
        __typename: 'WorkflowExecution',
        id: e.id,
        workflowId: e.workflowId,
        startTime: e.startTime,
      })),
      null,
    ]);
    expect(calls.map((c) => c.path).sort()).toEqual(
      [...picked.map((e) => e.id), MISSING].map((id) => `/workflow-executions/v1/${id}`).sort(),
    );
  });

  it('resolves 40 AccountActivity representations with one GET each, the missing one too', async () => {
    const picked = spread(gw.tenant.data.accountActivities, 40);
    const { entities: result, calls } = await entities(
      [
        ...refs(
          'AccountActivity',
          picked.map((a) => a.id),
        ),
        { __typename: 'AccountActivity', id: MISSING },
      ],
      '... on AccountActivity { id name created }',
    );
    expect(result).toEqual([
      ...picked.map((a) => ({
        __typename: 'AccountActivity',
        id: a.id,
        name: a.name ?? null,
        created: a.created,
      })),
      null,
    ]);
    expect(calls.map((c) => c.path).sort()).toEqual(
      [...picked.map((a) => a.id), MISSING].map((id) => `/account-activities/v1/${id}`).sort(),
    );
  });

  it('fetches a repeated representation once', async () => {
    const [execution] = allExecutions();
    const { entities: result, calls } = await entities(
      refs('WorkflowExecution', [execution!.id, execution!.id, execution!.id]),
      '... on WorkflowExecution { id }',
    );
    expect(result.map((e) => e?.id)).toEqual([execution!.id, execution!.id, execution!.id]);
    expect(calls).toHaveLength(1);
  });

  it('fails only the representation without an id, as BAD_USER_INPUT and without a call', async () => {
    const [execution] = allExecutions();
    const { status, body } = await gw.query<{ _entities: Entity[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on WorkflowExecution { id } } }',
      { r: [{ __typename: 'WorkflowExecution', id: execution!.id }, { __typename: 'WorkflowExecution' }] },
      NO_CACHE,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ _entities: [{ id: execution!.id }, null] });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'A `WorkflowExecution` representation needs its `id` (a string)',
        path: ['_entities', 1],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(gw.tenant.requests.filter((r) => r.path !== '/oauth/token').map((r) => r.path)).toEqual([
      `/workflow-executions/v1/${execution!.id}`,
    ]);
  });

  it('resolves every type in one request, with per-item fields, for the sum of their calls', async () => {
    const workflows = spread(gw.tenant.data.workflows, 10);
    const statuses = spread(gw.tenant.data.retainedInvocationStatuses, 10);
    const executions = spread(allExecutions(), 10);
    const activities = spread(gw.tenant.data.accountActivities, 10);
    const { entities: result, calls } = await entities(
      [
        ...refs(
          'Workflow',
          workflows.map((w) => w.id),
        ),
        ...refs(
          'TriggerInvocationStatus',
          statuses.map((s) => s.id),
        ),
        ...refs(
          'WorkflowExecution',
          executions.map((e) => e.id),
        ),
        ...refs(
          'AccountActivity',
          activities.map((a) => a.id),
        ),
      ],
      `... on Workflow { id }
       ... on TriggerInvocationStatus { id }
       ... on WorkflowExecution { id history { type } workflow { id } }
       ... on AccountActivity { id }`,
    );
    expect(result.map((e) => e?.id)).toEqual(
      [workflows, statuses, executions, activities].flatMap((list) => list.map((x) => x.id)),
    );
    const executionEntities = result.slice(20, 30) as {
      history: { type: string }[];
      workflow: { id: string };
    }[];
    expect(executionEntities.map((e) => e.history.length)).toEqual(
      executions.map((e) => gw.tenant.data.historyOf(e.id).length),
    );
    expect(executionEntities.map((e) => e.workflow.id)).toEqual(executions.map((e) => e.workflowId));
    // One history page per 250 events (a short page ends the read).
    const histories = executions.reduce(
      (sum, e) => sum + Math.floor(gw.tenant.data.historyOf(e.id).length / 250) + 1,
      0,
    );
    const byKind = (prefix: string) => calls.filter((c) => c.path.startsWith(prefix)).length;
    // The workflow list serves both the Workflow entities and `WorkflowExecution.workflow`.
    expect({
      workflowList: byKind('/workflows/v1'),
      statusWindows: byKind('/trigger-invocations/v1/status'),
      executions: calls.filter((c) => /^\/workflow-executions\/v1\/[^/]+$/.test(c.path)).length,
      histories: calls.filter((c) => c.path.endsWith('/history')).length,
      activities: byKind('/account-activities/v1/'),
      total: calls.length,
    }).toEqual({
      workflowList: 1,
      statusWindows: 3,
      executions: 10,
      histories,
      activities: 10,
      total: 1 + 3 + 10 + histories + 10,
    });
  });
});
