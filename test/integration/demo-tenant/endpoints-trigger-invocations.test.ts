// The demo tenant's trigger invocation statuses: retention, counting, paging, sorting both ways, filters and
// the parameters it refuses.
import type { DemoInvocationStatus } from '../../../src/demo-tenant/index.js';
import { timestampNanos } from '../../../src/demo-tenant/time.js';
import { PATHS, errorText } from '../../helpers/demo-tenant.js';
import { get, ids, tenant, useTenant } from './support.js';

useTenant();

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
