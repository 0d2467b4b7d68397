import type { DemoAccountActivity } from '../../../src/demo-tenant/index.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { codes, compareInstants, ok, requestsOf, run, startGateway } from './support.js';

const PATH = '/account-activities/v1';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});

const activities = (): readonly DemoAccountActivity[] => gw.tenant.data.accountActivities;
const admin = (): string => gw.tenant.data.adminIdentityId;
const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);
const target = (a: DemoAccountActivity): string | undefined => a.targetIdentitySummary?.identityId;
const requester = (a: DemoAccountActivity): string | undefined => a.requesterIdentitySummary?.identityId;

/** The tenant's sort: nulls sort as the largest value, ties broken by id. */
function nullsLargest<V>(
  get: (a: DemoAccountActivity) => V | null,
  cmp: (x: V, y: V) => number,
  desc: boolean,
) {
  return (a: DemoAccountActivity, b: DemoAccountActivity): number => {
    const x = get(a);
    const y = get(b);
    const order = x === null || y === null ? (x === y ? 0 : x === null ? 1 : -1) : cmp(x, y);
    return desc ? -order : order;
  };
}
const byString = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const byId = (a: DemoAccountActivity, b: DemoAccountActivity): number => byString(a.id, b.id);

interface Page {
  totalCount?: number;
  pageInfo?: { hasNextPage: boolean };
  nodes: { id: string; type: string | null }[];
}

describe('accountActivities', () => {
  it('requestedFor "me" with `in` and `ge` filters, newest first, counted because totalCount is selected', async () => {
    const expected = activities()
      .filter(
        (a) =>
          target(a) === admin() &&
          (a.type === 'appRequest' || a.type === 'CloudAutomated') &&
          compareInstants(a.created, '2025-12-01T00:00:00Z') >= 0,
      )
      .sort((a, b) => compareInstants(b.created, a.created) || byId(a, b));
    expect(expected.length).toBeGreaterThan(10);
    const result = await run<{ accountActivities: Page }>(
      gw,
      `{
        accountActivities(
          first: 10
          requestedFor: "me"
          filter: { type: { in: ["appRequest", "CloudAutomated"] }, created: { ge: "2025-12-01T00:00:00Z" } }
          orderBy: [{ field: CREATED, direction: DESC }]
        ) { totalCount pageInfo { hasNextPage } nodes { id type } }
      }`,
    );
    const page = ok(result).accountActivities;
    expect(ids(page.nodes)).toEqual(ids(expected.slice(0, 10)));
    expect(page.totalCount).toBe(expected.length);
    expect(page.pageInfo?.hasNextPage).toBe(true);
    expect(requestsOf(result.upstream)).toEqual([
      {
        path: PATH,
        query: {
          'requested-for': 'me',
          limit: '11',
          offset: '0',
          count: 'true',
          filters: 'type in ("appRequest","CloudAutomated") and created ge 2025-12-01T00:00:00Z',
          sorters: '-created',
        },
      },
    ]);
  });

  it('requestedBy an id with `sw`, ordered by `-modified,type`, without count when totalCount is not selected', async () => {
    const expected = activities()
      .filter((a) => requester(a) === admin() && (a.type ?? '').startsWith('Identity'))
      .sort(
        (a, b) =>
          nullsLargest((x) => x.modified, compareInstants, true)(a, b) ||
          nullsLargest((x) => x.type, byString, false)(a, b) ||
          byId(a, b),
      );
    expect(expected.length).toBeGreaterThan(0);
    const result = await run<{ accountActivities: Page }>(
      gw,
      `query($who: ID) {
        accountActivities(
          first: 250, requestedBy: $who, filter: { type: { sw: "Identity" } }
          orderBy: [{ field: MODIFIED, direction: DESC }, { field: TYPE, direction: ASC }]
        ) { nodes { id type } }
      }`,
      { who: admin() },
    );
    expect(ids(ok(result).accountActivities.nodes)).toEqual(ids(expected.slice(0, 250)));
    expect(requestsOf(result.upstream)).toEqual([
      {
        path: PATH,
        query: {
          'requested-by': admin(),
          limit: '250',
          offset: '0',
          filters: 'type sw "Identity"',
          sorters: '-modified,type',
        },
      },
      {
        path: PATH,
        query: {
          'requested-by': admin(),
          limit: '1',
          offset: '250',
          filters: 'type sw "Identity"',
          sorters: '-modified,type',
        },
      },
    ]);
  });

  it('regardingIdentity "me" with `isNull` and `ne`', async () => {
    const expected = activities().filter(
      (a) => (target(a) === admin() || requester(a) === admin()) && a.type === null,
    );
    const withType = activities().filter(
      (a) =>
        (target(a) === admin() || requester(a) === admin()) && a.type !== null && a.type !== 'appRequest',
    );
    const result = await run<{ nulls: Page; others: Page }>(
      gw,
      `{
        nulls: accountActivities(first: 100, regardingIdentity: "me", filter: { type: { isNull: true } }) {
          totalCount nodes { id type }
        }
        others: accountActivities(first: 5, regardingIdentity: "me", filter: { type: { ne: "appRequest" } }) {
          nodes { id type }
        }
      }`,
    );
    const data = ok(result);
    expect(data.nulls.totalCount).toBe(expected.length);
    expect(data.nulls.nodes).toEqual(expected.slice(0, 100).map((a) => ({ id: a.id, type: null })));
    // `ne` keeps nulls out in the tenant as in SailPoint; the gateway only passes the operator on.
    expect(ids(data.others.nodes)).toEqual(
      ids(
        activities()
          .filter((a) => (target(a) === admin() || requester(a) === admin()) && a.type !== 'appRequest')
          .slice(0, 5),
      ),
    );
    expect(withType.length).toBeGreaterThan(5);
    expect(requestsOf(result.upstream)).toEqual(
      expect.arrayContaining([
        {
          path: PATH,
          query: {
            'regarding-identity': 'me',
            limit: '101',
            offset: '0',
            count: 'true',
            filters: 'type isnull',
          },
        },
        {
          path: PATH,
          query: { 'regarding-identity': 'me', limit: '6', offset: '0', filters: 'type ne "appRequest"' },
        },
      ]),
    );
    expect(result.upstream).toHaveLength(2);
  });

  it('rejects regardingIdentity combined with requestedFor, and isNull: false, before any upstream call', async () => {
    for (const args of [
      'regardingIdentity: "me", requestedFor: "me"',
      'regardingIdentity: "me", requestedBy: "abc"',
      'filter: { type: { isNull: false } }',
      'filter: { created: { in: [] } }',
      'filter: $filter',
      'requestedFor: "has space"',
    ]) {
      // An invalid date-time typed into the document fails validation; through a variable it is BAD_USER_INPUT.
      const withVariable = args === 'filter: $filter';
      const result = withVariable
        ? await run(
            gw,
            'query($filter: AccountActivityFilter) { accountActivities(filter: $filter) { nodes { id } } }',
            {
              filter: { created: { ge: '2025-13-01T00:00:00Z' } },
            },
          )
        : await run(gw, `{ accountActivities(${args}) { nodes { id } } }`);
      expect({ args, codes: codes(result.errors), data: result.body.data }).toEqual({
        args,
        codes: ['BAD_USER_INPUT'],
        data: withVariable ? undefined : { accountActivities: null },
      });
      expect(result.upstream).toEqual([]);
    }
  });
});

describe('accountActivity(id)', () => {
  it('maps every field, items included, and returns null for an unknown id', async () => {
    const activity = activities().find(
      (a) => (a.items?.length ?? 0) > 1 && a.items?.some((i) => i.reviewerIdentitySummary !== null),
    ) as DemoAccountActivity;
    const item = activity.items?.find((i) => i.reviewerIdentitySummary !== null);
    if (item === undefined || item.reviewerIdentitySummary === null) throw new Error('no reviewed item');
    const result = await run<{ accountActivity: Record<string, unknown>; missing: unknown }>(
      gw,
      `query($id: ID!) {
        accountActivity(id: $id) {
          id name type created modified completed completionStatus executionStatus errors warnings clientMetadata
          requester { id name identityId completed identity { id } }
          target { identityId }
          items {
            id name requested approvalStatus provisioningStatus operation attribute value nativeIdentity sourceId
            clientMetadata removeDate
            requesterComment { commenterId commenterName body date }
            reviewer { identityId name }
            accountRequestInfo { requestedObjectId requestedObjectName requestedObjectType }
          }
        }
        missing: accountActivity(id: "ffffffffffffffffffffffffffffffff") { id }
      }`,
      { id: activity.id },
    );
    const data = ok(result);
    expect(data.missing).toBeNull();
    expect(data.accountActivity).toMatchObject({
      id: activity.id,
      name: activity.name,
      type: activity.type,
      created: activity.created,
      modified: activity.modified,
      completed: activity.completed,
      completionStatus: activity.completionStatus,
      executionStatus: activity.executionStatus,
      errors: activity.errors ?? [],
      warnings: activity.warnings ?? [],
      clientMetadata: activity.clientMetadata,
      requester: {
        ...activity.requesterIdentitySummary,
        identity: { id: activity.requesterIdentitySummary?.identityId },
      },
      target: { identityId: activity.targetIdentitySummary?.identityId },
    });
    const items = (data.accountActivity as { items: Record<string, unknown>[] }).items;
    expect(items).toHaveLength(activity.items?.length ?? 0);
    expect(items[activity.items?.indexOf(item) ?? -1]).toEqual({
      id: item.id,
      name: item.name,
      requested: item.requested,
      approvalStatus: item.approvalStatus,
      provisioningStatus: item.provisioningStatus,
      operation: item.operation,
      attribute: item.attribute,
      value: item.value,
      nativeIdentity: item.nativeIdentity,
      sourceId: item.sourceId,
      clientMetadata: item.clientMetadata,
      removeDate: item.removeDate,
      requesterComment: item.requesterComment,
      reviewer: {
        identityId: item.reviewerIdentitySummary.identityId,
        name: item.reviewerIdentitySummary.name,
      },
      accountRequestInfo: item.accountRequestInfo,
    });
    expect(requestsOf(result.upstream)).toEqual([
      { path: `${PATH}/${activity.id}`, query: {} },
      { path: `${PATH}/ffffffffffffffffffffffffffffffff`, query: {} },
    ]);
  });
});
