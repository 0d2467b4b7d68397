// The demo tenant's workflow endpoints: the workflow list (no query parameters), workflows by id, executions
// (paging, filters, retention, quirk Q1) and execution history in both versions.
import type { DemoExecution, DemoExecutionEvent, DemoWorkflow } from '../../../src/demo-tenant/index.js';
import { timestampNanos } from '../../../src/demo-tenant/time.js';
import { PATHS, errorText } from '../../helpers/demo-tenant.js';
import { get, ids, tenant, useTenant } from './support.js';

useTenant();

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
