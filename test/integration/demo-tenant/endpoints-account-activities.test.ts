// The demo tenant's account activities: counting, paging, sorting, filters, `me` and the identity parameters
// (isolated per token), and activities by id.
import type { DemoAccountActivity } from '../../../src/demo-tenant/index.js';
import { PATHS, errorText, tenantGet } from '../../helpers/demo-tenant.js';
import { get, ids, tenant, useTenant } from './support.js';

useTenant();

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
