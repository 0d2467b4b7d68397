import type {
  DemoAccountActivity,
  DemoExecution,
  DemoExecutionEvent,
  DemoInvocationStatus,
  DemoTenant,
  DemoWorkflow,
} from '../../../src/demo-tenant/index.js';
import { timestampNanos } from '../../../src/demo-tenant/time.js';
import { PATHS, errorText, startTestTenant, tenantGet } from '../../helpers/demo-tenant.js';

let tenant: DemoTenant;
let token: string;

beforeAll(async () => {
  tenant = await startTestTenant({ rateLimit: { requests: 100_000, windowMs: 10_000 } });
  token = tenant.issueToken();
});
afterAll(() => tenant.stop());

const get = <T = unknown>(path: string, query?: Record<string, string | number | boolean>) =>
  tenantGet<T>(tenant, path, { token, ...(query ? { query } : {}) });

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
const styles = [
  ['v1', PATHS.v1],
  ['v2025', PATHS.legacy('v2025')],
  ['v2024', PATHS.legacy('v2024')],
  ['beta', PATHS.legacy('beta')],
] as const;

describe('path styles', () => {
  it.each(styles)(
    'serves the same data under %s paths; legacy ones say X-Deprecated',
    async (style, paths) => {
      const workflow = tenant.data.workflows[0]!;
      const execution = tenant.data.retainedExecutions[0]!;
      const activity = tenant.data.accountActivities[0]!;
      const responses = await Promise.all([
        get(paths.workflows),
        get(paths.workflow(workflow.id)),
        get(paths.executions(workflow.id), { limit: 3 }),
        get(paths.execution(execution.id)),
        get(paths.history(execution.id)),
        get(paths.invocations, { limit: 3 }),
        get(paths.activities, { limit: 3 }),
        get(paths.activity(activity.id)),
      ]);
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
        expect(res.headers.get('x-deprecated')).toBe(style === 'v1' ? null : 'true');
      }
      expect(responses[0]!.body).toEqual(tenant.data.workflows);
      expect(responses[1]!.body).toEqual(workflow);
      expect(responses[3]!.body).toEqual(execution);
      expect(responses[7]!.body).toEqual(activity);
    },
  );

  it('has history-v2 in v1 and v2025 only', async () => {
    const execution = tenant.data.retainedExecutions[0]!;
    expect((await get(PATHS.v1.historyV2(execution.id))).status).toBe(200);
    expect((await get(PATHS.legacy('v2025').historyV2(execution.id))).status).toBe(200);
    expect((await get(PATHS.legacy('v2024').historyV2(execution.id))).status).toBe(404);
    expect((await get(PATHS.legacy('beta').historyV2(execution.id))).status).toBe(404);
  });

  it.each([
    '/workflows',
    '/workflows/v1/',
    '/v3/workflows',
    '/WORKFLOWS/v1',
    '/v2025/workflows/v1',
    '/trigger-invocations/v1',
  ])('answers 404 ErrorResponseDto for %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      detailCode: '404 Not found',
      trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: expect.any(String) }],
      causes: [],
    });
  });

  it('answers 405 to other methods on data paths', async () => {
    const res = await tenantGet(tenant, '/workflows/v1', { token, method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('workflows', () => {
  it('lists every workflow (quirk Q7: no paging on this operation)', async () => {
    const res = await get<DemoWorkflow[]>(PATHS.v1.workflows);
    expect(ids(res.body)).toEqual(ids(tenant.data.workflows));
    expect(res.headers.get('x-total-count')).toBeNull();
  });

  it.each(['limit', 'offset', 'count', 'filters', 'sorters', 'workflowMetrics'])(
    'rejects %s: this operation has no query parameters in v1, v2025 or v2024',
    async (name) => {
      for (const paths of [PATHS.v1, PATHS.legacy('v2025'), PATHS.legacy('v2024')]) {
        const res = await get(paths.workflows, { [name]: name === 'filters' ? 'enabled eq true' : '1' });
        expect(res.status).toBe(400);
        expect(errorText(res.body)).toBe(
          `Query parameter '${name}' is not supported by this endpoint (this endpoint takes no query parameters)`,
        );
      }
    },
  );

  it('says so when a parameter exists only in the beta API, which the tenant does not simulate', async () => {
    const res = await get(PATHS.legacy('beta').workflows, { limit: 5 });
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toBe(
      "Query parameter 'limit' exists only in SailPoint's beta API and the demo tenant does not simulate it (this endpoint takes no query parameters)",
    );
    expect(
      errorText((await get(PATHS.legacy('beta').workflow('x'), { workflowMetrics: false })).body),
    ).toMatch(/^Query parameter 'workflowMetrics' exists only in SailPoint's beta API/);
    expect(errorText((await get(PATHS.legacy('v2025').activities, { type: 'appRequest' })).body)).toMatch(
      /^Query parameter 'type' is not supported by this endpoint/,
    );
  });

  it('gets one workflow, 404 for an unknown id, with a fresh tracking id each time', async () => {
    const a = await get(PATHS.v1.workflow('00000000-0000-0000-0000-000000000000'));
    const b = await get(PATHS.v1.workflow('00000000-0000-0000-0000-000000000000'));
    expect(a.status).toBe(404);
    expect(errorText(a.body)).toBe("Workflow '00000000-0000-0000-0000-000000000000' was not found");
    expect((a.body as { trackingId: string }).trackingId).not.toBe(
      (b.body as { trackingId: string }).trackingId,
    );
    expect((await get(PATHS.v1.workflow(tenant.data.workflows[5]!.id))).body).toEqual(
      tenant.data.workflows[5],
    );
  });
});

describe('workflow executions', () => {
  const busiest = () => tenant.data.busiestWorkflowId;
  const retained = () => tenant.data.executionsOf(busiest());

  it('lists newest first, 250 by default, and pages by offset without gaps or overlaps', async () => {
    const first = await get<DemoExecution[]>(PATHS.v1.executions(busiest()));
    expect(first.body).toHaveLength(250);
    expect(first.body).toEqual(retained().slice(0, 250));
    const seen: string[] = [];
    for (let offset = 0; ; offset += 250) {
      const page = await get<DemoExecution[]>(PATHS.legacy('v2025').executions(busiest()), {
        limit: 250,
        offset,
      });
      seen.push(...ids(page.body));
      if (page.body.length < 250) break;
    }
    expect(seen).toEqual(ids(retained()));
    expect(seen.length).toBeGreaterThan(600);
    const starts = retained().map((e) => timestampNanos(e.startTime));
    expect(starts.every((s, i) => i === 0 || s <= starts[i - 1]!)).toBe(true);
  });

  it('honours limit and offset, including limit=0 and offsets past the end', async () => {
    expect(
      (await get<DemoExecution[]>(PATHS.v1.executions(busiest()), { limit: 7, offset: 3 })).body,
    ).toEqual(retained().slice(3, 10));
    expect((await get(PATHS.v1.executions(busiest()), { limit: 0 })).body).toEqual([]);
    expect((await get(PATHS.v1.executions(busiest()), { offset: 100_000 })).body).toEqual([]);
  });

  it.each([
    [{ limit: 251 }, /^Invalid limit '251'/],
    [{ limit: -1 }, /^Invalid limit '-1'/],
    [{ limit: 2.5 }, /^Invalid limit '2.5'/],
    [{ limit: 'ten' }, /^Invalid limit 'ten'/],
    [{ offset: -5 }, /^Invalid offset '-5'/],
    [
      { sorters: '-startTime' },
      /^Query parameter 'sorters' is not supported by this endpoint \(supported: limit, offset, filters\)$/,
    ],
    [{ filters: 'status gt "x"' }, /Operator 'gt' is not supported for field 'status' \(supported: eq\)/],
    [{ filters: 'foo eq 1' }, /Field 'foo' is not supported for filtering on this endpoint/],
    [{ filters: 'startTime ge 2026-01-01T00:00:00Z' }, /Field 'startTime' is not supported/],
    [{ filters: 'start_time ge "last week"' }, /'start_time' needs a date-time value/],
    [{ filters: 'status EQ "Failed"' }, /Invalid filter at position 7: .*lowercase/],
    [{ filters: '' }, /the filter is empty/],
  ])('rejects %j with a 400 naming the problem', async (query, message) => {
    const res = await get(PATHS.v1.executions(busiest()), query);
    expect(res.status).toBe(400);
    expect((res.body as { detailCode: string }).detailCode).toBe('400.1 Bad Request Content');
    expect(errorText(res.body)).toMatch(message);
  });

  it.each<Record<string, string | number | boolean>>([
    { count: true },
    { count: false },
    { foo: 'bar' },
    { Limit: 2 },
    { sorters: 'start_time' },
  ])('rejects %j, which this operation does not declare, naming the parameters it does', async (query) => {
    const [name] = Object.keys(query);
    for (const paths of [PATHS.v1, PATHS.legacy('v2025'), PATHS.legacy('v2024'), PATHS.legacy('beta')]) {
      const res = await get(paths.executions(busiest()), { limit: 2, ...query });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        detailCode: '400.1 Bad Request Content',
        trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
        messages: [
          {
            locale: 'en-US',
            localeOrigin: 'DEFAULT',
            text: `Query parameter '${name}' is not supported by this endpoint (supported: limit, offset, filters)`,
          },
        ],
        causes: [],
      });
    }
  });

  it('filters by status exactly (case-sensitive) and by start_time, quoted or not', async () => {
    const failed = await get<DemoExecution[]>(PATHS.v1.executions(busiest()), {
      filters: 'status eq "Failed"',
    });
    expect(failed.body).toEqual(
      retained()
        .filter((e) => e.status === 'Failed')
        .slice(0, 250),
    );
    expect(failed.body.length).toBeGreaterThan(0);
    expect((await get(PATHS.v1.executions(busiest()), { filters: 'status eq "failed"' })).body).toEqual([]);
    const pivot = retained()[100]!.startTime;
    const since = await get<DemoExecution[]>(PATHS.v1.executions(busiest()), {
      filters: `start_time ge ${pivot}`,
    });
    expect(since.body).toEqual(retained().slice(0, 101));
    const quoted = await get<DemoExecution[]>(PATHS.v1.executions(busiest()), {
      filters: `start_time gt "${pivot}" and not (status eq "Completed")`,
    });
    expect(quoted.body).toEqual(
      retained()
        .slice(0, 100)
        .filter((e) => e.status !== 'Completed'),
    );
  });

  it('serves in-flight executions without closeTime, including the unlisted "Executing" status', async () => {
    const inFlight = tenant.data.retainedExecutions.filter((e) =>
      ['Running', 'Executing', 'Queued'].includes(e.status),
    );
    for (const e of inFlight) {
      const res = await get<DemoExecution>(PATHS.v1.execution(e.id));
      expect(res.body).toEqual(e);
      expect(res.body).not.toHaveProperty('closeTime');
    }
    expect(inFlight.map((e) => e.status)).toEqual(expect.arrayContaining(['Running', 'Executing']));
  });

  it('returns a single object for get-by-id (quirk Q1)', async () => {
    const execution = tenant.data.retainedExecutions[42]!;
    const res = await get(PATHS.v1.execution(execution.id));
    expect(Array.isArray(res.body)).toBe(false);
    expect(res.body).toEqual(execution);
  });

  it('neither lists nor serves executions older than 90 days', async () => {
    const retainedIds = new Set(ids(tenant.data.retainedExecutions));
    const archived = tenant.data.executions.find(
      (e) => e.workflowId === busiest() && !retainedIds.has(e.id),
    )!;
    expect(Date.parse(archived.startTime)).toBeLessThan(tenant.data.now - 90 * 86_400_000);
    expect((await get(PATHS.v1.execution(archived.id))).status).toBe(404);
    expect((await get(PATHS.v1.history(archived.id))).status).toBe(404);
    expect((await get(PATHS.v1.historyV2(archived.id))).status).toBe(404);
    const all: string[] = [];
    for (let offset = 0; offset < 1000; offset += 250) {
      all.push(...ids((await get<DemoExecution[]>(PATHS.v1.executions(busiest()), { offset })).body));
    }
    expect(all).not.toContain(archived.id);
    const workflow = tenant.data.workflows.find((w) => w.id === busiest())!;
    expect(workflow.executionCount).toBeGreaterThan(all.length);
  });

  it('answers 404 for executions of an unknown workflow', async () => {
    expect((await get(PATHS.v1.executions('nope'))).status).toBe(404);
    expect((await get(PATHS.v1.execution('nope'))).status).toBe(404);
  });
});

describe('execution history', () => {
  const long = () =>
    tenant.data.retainedExecutions.find((e) => tenant.data.historyOf(e.id).length > 260) ??
    tenant.data.retainedExecutions[0]!;

  it('pages the event list with limit and offset (250 by default)', async () => {
    const execution = long();
    const events = tenant.data.historyOf(execution.id);
    expect(events.length).toBeGreaterThan(260);
    const first = await get<DemoExecutionEvent[]>(PATHS.v1.history(execution.id));
    expect(first.body).toEqual(events.slice(0, 250));
    const rest = await get<DemoExecutionEvent[]>(PATHS.v1.history(execution.id), { offset: 250 });
    expect(rest.body).toEqual(events.slice(250));
    expect((await get(PATHS.v1.history(execution.id), { limit: 251 })).status).toBe(400);
    expect((await get(PATHS.v1.history(execution.id), { filters: 'type eq "x"' })).status).toBe(400);
    expect(errorText((await get(PATHS.v1.history(execution.id), { count: true })).body)).toBe(
      "Query parameter 'count' is not supported by this endpoint (supported: limit, offset)",
    );
  });

  it('returns {definition, history, trigger} from history-v2 with every event', async () => {
    const execution = long();
    const workflow = tenant.data.workflows.find((w) => w.id === execution.workflowId)!;
    const res = await get(PATHS.v1.historyV2(execution.id));
    expect(res.body).toEqual({
      definition: workflow.definition,
      history: tenant.data.historyOf(execution.id),
      trigger: workflow.trigger,
    });
  });

  it('rejects paging on history-v2, which always returns every event', async () => {
    const res = await get(PATHS.legacy('v2025').historyV2(long().id), { limit: 1 });
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toBe(
      "Query parameter 'limit' is not supported by this endpoint (this endpoint takes no query parameters)",
    );
  });
});

describe('trigger invocation statuses', () => {
  const statuses = () => tenant.data.retainedInvocationStatuses;
  const url = PATHS.v1.invocations;

  it('returns only statuses within retention, newest first, and counts them on request', async () => {
    const res = await get<DemoInvocationStatus[]>(url, { count: true, limit: 250 });
    expect(res.headers.get('x-total-count')).toBe(String(statuses().length));
    expect(res.body).toEqual(statuses().slice(0, 250));
    const noCount = await get(url, { limit: 1 });
    expect(noCount.headers.get('x-total-count')).toBeNull();
    expect((await get(url, { count: false })).headers.get('x-total-count')).toBeNull();
    const hour = 3_600_000;
    for (const s of statuses()) {
      if (s.completed === undefined) continue;
      const failed = s.completeInvocationInput?.localizedError !== undefined;
      expect(tenant.data.now - Date.parse(s.created)).toBeLessThanOrEqual(failed ? 48 * hour : 24 * hour);
    }
    expect(statuses().length).toBeLessThan(tenant.data.invocationStatuses.length);
  });

  it('pages through every retained status exactly once', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await get<DemoInvocationStatus[]>(url, {
        limit: 100,
        offset,
        sorters: 'subscriptionName,-created',
      });
      seen.push(...ids(page.body));
      if (page.body.length < 100) break;
    }
    expect(new Set(seen).size).toBe(statuses().length);
    expect(seen).toHaveLength(statuses().length);
  });

  it.each(['triggerId', 'subscriptionName', 'created', 'completed'])(
    'sorts by %s both ways, nulls last ascending',
    async (field) => {
      const key = (s: DemoInvocationStatus): string | undefined =>
        (s as unknown as Record<string, string | undefined>)[field];
      const asc = (await get<DemoInvocationStatus[]>(url, { sorters: field, count: true })).body;
      const desc = (await get<DemoInvocationStatus[]>(url, { sorters: `-${field}` })).body;
      const order = (a: string | undefined, b: string | undefined): number => {
        if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
        if (field === 'created' || field === 'completed')
          return Number(timestampNanos(a) - timestampNanos(b));
        return a < b ? -1 : a > b ? 1 : 0;
      };
      for (let i = 1; i < asc.length; i++)
        expect(order(key(asc[i - 1]!), key(asc[i]!))).toBeLessThanOrEqual(0);
      for (let i = 1; i < desc.length; i++)
        expect(order(key(desc[i - 1]!), key(desc[i]!))).toBeGreaterThanOrEqual(0);
    },
  );

  it('filters by triggerId and subscriptionId', async () => {
    const sample = statuses()[0]!;
    const byTrigger = await get<DemoInvocationStatus[]>(url, {
      filters: `triggerId eq "${sample.triggerId}"`,
      count: true,
    });
    const expected = statuses().filter((s) => s.triggerId === sample.triggerId);
    expect(byTrigger.headers.get('x-total-count')).toBe(String(expected.length));
    expect(byTrigger.body).toEqual(expected.slice(0, 250));
    const bySub = await get<DemoInvocationStatus[]>(url, {
      filters: `subscriptionId eq "${sample.subscriptionId}" or subscriptionId eq "none"`,
    });
    expect(bySub.body).toEqual(
      statuses()
        .filter((s) => s.subscriptionId === sample.subscriptionId)
        .slice(0, 250),
    );
  });

  it.each([
    [{ sorters: 'id' }, /Invalid sorter field 'id'/],
    [{ sorters: 'created,' }, /empty sort field/],
    [{ filters: 'triggerId ne "x"' }, /Operator 'ne' is not supported for field 'triggerId'/],
    [{ filters: 'type eq "TEST"' }, /Field 'type' is not supported/],
    [{ count: 'yes' }, /Invalid count 'yes'/],
    [{ limit: 1000 }, /Invalid limit/],
    [
      { 'requested-for': 'me' },
      /^Query parameter 'requested-for' is not supported by this endpoint \(supported: limit, offset, count, filters, sorters\)$/,
    ],
    [{ requestedFor: 'me' }, /^Query parameter 'requestedFor' is not supported/],
  ])('rejects %j', async (query, message) => {
    const res = await get(url, query);
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toMatch(message);
  });
});

describe('account activities', () => {
  const url = PATHS.v1.activities;
  const all = () => tenant.data.accountActivities;
  const admin = () => tenant.data.adminIdentityId;
  const targetOf = (a: DemoAccountActivity) => a.targetIdentitySummary?.identityId;
  const requesterOf = (a: DemoAccountActivity) => a.requesterIdentitySummary?.identityId;

  it('counts, pages and sorts', async () => {
    const res = await get<DemoAccountActivity[]>(url, { count: true, limit: 10, offset: 20 });
    expect(res.headers.get('x-total-count')).toBe(String(all().length));
    expect(res.body).toEqual(all().slice(20, 30));
    const newest = await get<DemoAccountActivity[]>(url, { sorters: '-created', limit: 5 });
    expect(newest.body).toEqual([...all()].reverse().slice(0, 5));
    const byType = await get<DemoAccountActivity[]>(url, { sorters: 'type,-modified', limit: 250 });
    const types = byType.body.map((a) => a.type);
    expect(
      types.every((t, i) => i === 0 || t === null || (types[i - 1] !== null && types[i - 1]! <= t)),
    ).toBe(true);
    expect((await get(url, { sorters: 'name' })).status).toBe(400);
  });

  it('filters with in, isnull, sw, ne and date-time comparisons', async () => {
    const types = await get<DemoAccountActivity[]>(url, {
      filters: 'type in ("Identity Refresh","appRequest")',
      count: true,
    });
    expect(types.headers.get('x-total-count')).toBe(
      String(all().filter((a) => a.type === 'Identity Refresh' || a.type === 'appRequest').length),
    );
    const untyped = await get<DemoAccountActivity[]>(url, { filters: 'type isnull' });
    expect(untyped.body).toEqual(all().filter((a) => a.type === null));
    expect(untyped.body.length).toBeGreaterThan(0);
    const cloud = await get<DemoAccountActivity[]>(url, {
      filters: 'type sw "Cloud" and not (type eq "CloudAutomated")',
      count: true,
    });
    expect(new Set(cloud.body.map((a) => a.type))).toEqual(new Set(['CloudPasswordRequest']));
    const ne = await get(url, { filters: 'type ne "appRequest"', count: true });
    expect(ne.headers.get('x-total-count')).toBe(
      String(all().filter((a) => a.type !== null && a.type !== 'appRequest').length),
    );
    const pivot = all()[2000]!.created;
    const recent = await get(url, { filters: `created gt ${pivot}`, count: true });
    expect(recent.headers.get('x-total-count')).toBe(
      String(all().filter((a) => Date.parse(a.created) > Date.parse(pivot)).length),
    );
    const unmodified = await get<DemoAccountActivity[]>(url, { filters: 'modified isnull', count: true });
    expect(unmodified.headers.get('x-total-count')).toBe(
      String(all().filter((a) => a.modified === null).length),
    );
  });

  it('rejects what the endpoint does not support', async () => {
    for (const filters of [
      'type gt "a"',
      'created co "2026"',
      'requesterIdentitySummary.id eq "x"',
      'created gt 5',
    ]) {
      const res = await get(url, { filters });
      expect(res.status).toBe(400);
    }
  });

  it('resolves me to the identity of the token', async () => {
    const forMe = await get<DemoAccountActivity[]>(url, { 'requested-for': 'me', count: true });
    const expected = all().filter((a) => targetOf(a) === admin());
    expect(expected.length).toBeGreaterThan(0);
    expect(forMe.headers.get('x-total-count')).toBe(String(expected.length));
    expect(forMe.body).toEqual(expected.slice(0, 250));
    const byMe = await get<DemoAccountActivity[]>(url, { 'requested-by': 'me', count: true });
    expect(byMe.headers.get('x-total-count')).toBe(
      String(all().filter((a) => requesterOf(a) === admin()).length),
    );
    const both = await get<DemoAccountActivity[]>(url, {
      'requested-by': 'me',
      'requested-for': admin(),
      count: true,
    });
    expect(both.headers.get('x-total-count')).toBe(
      String(all().filter((a) => requesterOf(a) === admin() && targetOf(a) === admin()).length),
    );
    const regarding = await get<DemoAccountActivity[]>(url, { 'regarding-identity': 'me', count: true });
    expect(regarding.headers.get('x-total-count')).toBe(
      String(all().filter((a) => requesterOf(a) === admin() || targetOf(a) === admin()).length),
    );
  });

  it('answers differently for another client identity (callers are isolated by token)', async () => {
    const other = tenant.data.identities[5]!.id;
    const client = tenant.addClient(other);
    const res = await tenantGet<DemoAccountActivity[]>(tenant, url, {
      token: tenant.issueToken(client.clientId),
      query: { 'requested-for': 'me', limit: 250 },
    });
    expect(res.body).toEqual(
      all()
        .filter((a) => targetOf(a) === other)
        .slice(0, 250),
    );
    expect(ids(res.body)).not.toEqual(
      ids((await get<DemoAccountActivity[]>(url, { 'requested-for': 'me' })).body),
    );
    expect((await get(url, { 'requested-for': 'nobody' })).body).toEqual([]);
  });

  it('makes regarding-identity exclusive with requested-for and requested-by', async () => {
    for (const other of ['requested-for', 'requested-by']) {
      const res = await get(url, { 'regarding-identity': 'me', [other]: 'me' });
      expect(res.status).toBe(400);
      expect(errorText(res.body)).toBe(
        "'regarding-identity' is mutually exclusive with 'requested-for' and 'requested-by'",
      );
    }
    expect((await get(url, { 'requested-for': '' })).status).toBe(400);
  });

  it('rejects parameters the operation does not declare, such as a camelCase requestedFor', async () => {
    const res = await get(url, { requestedFor: 'me', limit: 1 });
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toBe(
      "Query parameter 'requestedFor' is not supported by this endpoint (supported: requested-for, requested-by, regarding-identity, limit, offset, count, filters, sorters)",
    );
  });

  it('gets one activity and 404s for unknown ids', async () => {
    const activity = all()[123]!;
    expect((await get(PATHS.legacy('beta').activity(activity.id))).body).toEqual(activity);
    expect((await get(PATHS.v1.activity('0'.repeat(32)))).status).toBe(404);
    expect((await get(PATHS.v1.activity(all()[0]!.id), { limit: 1 })).status).toBe(400);
  });
});

describe('query string encoding', () => {
  it('decodes the query once: URL-special characters in filter strings arrive intact', async () => {
    tenant.clearRequests();
    const filters = 'type eq "a&b=c#d%e+f \\"g\\""';
    const res = await get(PATHS.v1.activities, { filters });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(tenant.requests.at(-1)?.query).toEqual({ filters });
  });

  it('reads a raw + as a space, as form decoding does: offsets must be percent-encoded', async () => {
    const busiest = tenant.data.busiestWorkflowId;
    const encoded = await get(PATHS.v1.executions(busiest), {
      filters: 'start_time ge 2026-01-01T00:00:00+02:00',
      limit: 1,
    });
    expect(encoded.status).toBe(200);
    const raw = await fetch(
      `${tenant.url}${PATHS.v1.executions(busiest)}?filters=start_time%20ge%202026-01-01T00:00:00+02:00`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(raw.status).toBe(400);
  });

  it('rejects a double-encoded filter', async () => {
    const res = await get(PATHS.v1.activities, { filters: encodeURIComponent('type eq "appRequest"') });
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toMatch(/Invalid filter at position 0/);
  });

  it('rejects repeated parameters', async () => {
    const res = await fetch(`${tenant.url}${PATHS.v1.activities}?limit=1&limit=2`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
  });
});
