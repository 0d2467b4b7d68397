import fc from 'fast-check';
import type { RecordedRequest } from '../../../src/demo-tenant/index.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { codes, ok, requestsOf, run, startGateway, type Run } from './support.js';

const ACTIVITIES = '/account-activities/v1';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page {
  totalCount?: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: { id: string } }[];
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});
afterEach(() => {
  gw.tenant.setLatency(0);
  gw.tenant.clearFaults();
});

const activityIds = (): string[] => gw.tenant.data.accountActivities.map((a) => a.id);
const edgeIds = (page: Page): string[] => page.edges.map((e) => e.node.id);
const byOffset = (rs: RecordedRequest[]): RecordedRequest[] =>
  [...rs].sort((a, b) => Number(a.query.offset) - Number(b.query.offset));

const ACTIVITY_PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  accountActivities(first: $first, after: $after, last: $last, before: $before) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id } }
  }
}`;

function activities(variables: Record<string, unknown>): Promise<Run<{ accountActivities: Page }>> {
  return run<{ accountActivities: Page }>(gw, ACTIVITY_PAGE, variables);
}

describe('page sizes and directions', () => {
  it('defaults to 50 items, fetched as limit 51 without count', async () => {
    const result = await run<{ accountActivities: Page }>(
      gw,
      '{ accountActivities { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }',
    );
    const page = ok(result).accountActivities;
    expect(edgeIds(page)).toEqual(activityIds().slice(0, 50));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor);
    expect(page.pageInfo.endCursor).toBe(page.edges[49]?.cursor);
    expect(new Set(page.edges.map((e) => e.cursor)).size).toBe(50);
    expect(requestsOf(result.upstream)).toEqual([{ path: ACTIVITIES, query: { limit: '51', offset: '0' } }]);
  });

  it('answers `first: 0` with an empty page that still knows whether items follow', async () => {
    const result = await activities({ first: 0 });
    expect(ok(result).accountActivities).toEqual({
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
    expect(requestsOf(result.upstream)).toEqual([{ path: ACTIVITIES, query: { limit: '1', offset: '0' } }]);
  });

  it('serves `last` from the end with one counted call, then the page', async () => {
    const all = activityIds();
    const result = await activities({ last: 5 });
    const page = ok(result).accountActivities;
    expect(edgeIds(page)).toEqual(all.slice(-5));
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(requestsOf(result.upstream)).toEqual([
      { path: ACTIVITIES, query: { limit: '6', offset: '0', count: 'true' } },
      { path: ACTIVITIES, query: { limit: '5', offset: String(all.length - 5) } },
    ]);
  });

  it('pages backward with `last`/`before` and between two cursors with `first`/`after`/`before`', async () => {
    const all = activityIds();
    const cursors = ok(await activities({ first: 10 })).accountActivities.edges.map((e) => e.cursor);

    const back = await activities({ last: 3, before: cursors[9] });
    const backPage = ok(back).accountActivities;
    expect(edgeIds(backPage)).toEqual(all.slice(6, 9));
    expect(backPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(backPage.edges.map((e) => e.cursor)).toEqual(cursors.slice(6, 9));
    expect(requestsOf(back.upstream)).toEqual([{ path: ACTIVITIES, query: { limit: '4', offset: '6' } }]);

    const between = await activities({ first: 20, after: cursors[2], before: cursors[6] });
    expect(edgeIds(ok(between).accountActivities)).toEqual(all.slice(3, 6));
    expect(requestsOf(between.upstream)).toEqual([{ path: ACTIVITIES, query: { limit: '4', offset: '3' } }]);
  });

  it.each([
    ['a negative `first`', { first: -1 }],
    ['a negative `last`', { last: -1 }],
    ['both `first` and `last`', { first: 1, last: 1 }],
    ['`first` above MAX_PAGE_SIZE', { first: 1001 }],
    ['`last` above MAX_PAGE_SIZE', { last: 1001 }],
  ])('rejects %s with BAD_USER_INPUT before any upstream call, on every connection', async (_name, args) => {
    const wf = gw.tenant.data.workflows[0]?.id as string;
    const variables = { ...args, wf };
    const roots = ['workflows', 'triggerInvocationStatuses', 'accountActivities'];
    for (const root of roots) {
      const result = await run(
        gw,
        `query($first: Int, $last: Int) { ${root}(first: $first, last: $last) { nodes { id } } }`,
        variables as Record<string, unknown>,
      );
      expect({ root, codes: codes(result.errors), data: result.body.data }).toEqual({
        root,
        codes: ['BAD_USER_INPUT'],
        data: { [root]: null },
      });
      expect(result.upstream).toEqual([]);
    }
    const nested = await run(
      gw,
      'query($wf: ID!, $first: Int, $last: Int) { workflow(id: $wf) { executions(first: $first, last: $last) { nodes { id } } } }',
      variables,
    );
    expect(codes(nested.errors)).toEqual(['BAD_USER_INPUT']);
    expect(nested.errors[0]?.path).toEqual(['workflow', 'executions']);
    expect(nested.upstream.map((r) => r.path)).toEqual(['/workflows/v1']);
  });

  it('accepts exactly MAX_PAGE_SIZE on a gateway configured with a small one', async () => {
    const small = await startGateway({ env: { MAX_PAGE_SIZE: '20' } });
    try {
      const okResult = await run<{ accountActivities: Page }>(small, ACTIVITY_PAGE, { first: 20 });
      expect(ok(okResult).accountActivities.edges).toHaveLength(20);
      const tooBig = await run(small, ACTIVITY_PAGE, { first: 21 });
      expect(codes(tooBig.errors)).toEqual(['BAD_USER_INPUT']);
      expect(tooBig.upstream).toEqual([]);
    } finally {
      await small.stop();
    }
  });
});

describe('large pages', () => {
  it('splits `first: 600` into concurrent windows of at most 250 covering 0..601', async () => {
    // Latency makes concurrency observable: sequential windows would arrive at least 150 ms apart.
    gw.tenant.setLatency(150);
    const result = await run<{ accountActivities: Page }>(
      gw,
      '{ accountActivities(first: 600) { pageInfo { hasNextPage } edges { node { id } } } }',
    );
    const page = ok(result).accountActivities;
    expect(edgeIds(page)).toEqual(activityIds().slice(0, 600));
    expect(page.pageInfo.hasNextPage).toBe(true);
    const windows = byOffset(result.upstream);
    expect(requestsOf(windows)).toEqual([
      { path: ACTIVITIES, query: { limit: '250', offset: '0' } },
      { path: ACTIVITIES, query: { limit: '250', offset: '250' } },
      { path: ACTIVITIES, query: { limit: '101', offset: '500' } },
    ]);
    const arrivals = windows.map((r) => r.at);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(150);
  });

  it('keeps a sorted large page in the tenant order and never sends limit above 250', async () => {
    const result = await run<{ accountActivities: { nodes: { id: string }[] } }>(
      gw,
      '{ accountActivities(first: 600, orderBy: [{ field: MODIFIED, direction: DESC }]) { nodes { id } } }',
    );
    const nodes = ok(result).accountActivities.nodes;
    // The tenant's own sort is the reference: the same sorters in one (paged) walk.
    const reference: string[] = [];
    for (let offset = 0; offset < 600; offset += 250) {
      const res = await fetch(
        `${gw.tenant.url}${ACTIVITIES}?sorters=-modified&limit=${Math.min(250, 600 - offset)}&offset=${offset}`,
        { headers: { authorization: `Bearer ${gw.tenant.issueToken()}` } },
      );
      reference.push(...((await res.json()) as { id: string }[]).map((a) => a.id));
    }
    expect(nodes.map((n) => n.id)).toEqual(reference);
    expect(result.upstream.every((r) => Number(r.query.limit) <= 250)).toBe(true);
    expect(result.upstream.every((r) => r.query.sorters === '-modified')).toBe(true);
  });
});

describe('walking connections with after: endCursor', () => {
  it("returns each of a workflow's executions exactly once and in order, seven at a time", async () => {
    const data = gw.tenant.data;
    const wf = data.workflows.find((w) => {
      const n = data.executionsOf(w.id).length;
      return n >= 40 && n <= 150 && n % 7 !== 0;
    });
    if (wf === undefined) throw new Error('no workflow with a suitable number of executions');
    const expected = data.executionsOf(wf.id).map((e) => e.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result: Run<{ workflow: { executions: Page } }> = await run<{ workflow: { executions: Page } }>(
        gw,
        `query($id: ID!, $after: String) {
          workflow(id: $id) {
            executions(first: 7, after: $after) {
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
            }
          }
        }`,
        { id: wf.id, after },
      );
      const page = ok(result).workflow.executions;
      expect(page.pageInfo.hasPreviousPage).toBe(seen.length > 0);
      expect(requestsOf(result.upstream)).toEqual([
        { path: '/workflows/v1', query: {} },
        {
          path: `/workflows/v1/${wf.id}/executions`,
          query: { limit: '8', offset: String(seen.length) },
        },
      ]);
      seen.push(...edgeIds(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('property: any sequence of page sizes yields every item of a connection once, in order', async () => {
    const data = gw.tenant.data;
    const smallWorkflow = data.workflows.find((w) => {
      const n = data.executionsOf(w.id).length;
      return n >= 5 && n <= 25;
    });
    const subscriptions = new Map<string, string[]>();
    for (const s of data.retainedInvocationStatuses) {
      subscriptions.set(s.subscriptionId, [...(subscriptions.get(s.subscriptionId) ?? []), s.id]);
    }
    const [subscription, subscriptionIds] =
      [...subscriptions].find(([, list]) => list.length >= 5 && list.length <= 40) ?? [];
    const requesters = new Map<string, string[]>();
    for (const a of data.accountActivities) {
      const who = a.requesterIdentitySummary?.identityId;
      if (who !== undefined && a.type === 'Certification')
        requesters.set(who, [...(requesters.get(who) ?? []), a.id]);
    }
    const [requester, requested] =
      [...requesters].sort(([, a], [, b]) => a.length - b.length).find(([, l]) => l.length >= 5) ?? [];
    const owner = data.workflows[0]?.owner.id as string;
    if (!smallWorkflow || !subscription || !subscriptionIds || !requester || !requested) {
      throw new Error('seeded data lacks a small list for the property');
    }

    interface Conn {
      name: string;
      query: string;
      variables: Record<string, unknown>;
      select: (data: Record<string, unknown>) => Page;
      expected: string[];
    }
    const PAGE_FIELDS =
      'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }';
    const connections: Conn[] = [
      {
        name: 'workflows',
        query: `query($first: Int, $after: String, $owner: ID) { c: workflows(first: $first, after: $after, filter: { ownerId: $owner }) { ${PAGE_FIELDS} } }`,
        variables: { owner },
        select: (d) => d.c as Page,
        expected: data.workflows.filter((w) => w.owner.id === owner).map((w) => w.id),
      },
      {
        name: 'executions',
        query: `query($first: Int, $after: String, $wf: ID!) { workflow(id: $wf) { c: executions(first: $first, after: $after) { ${PAGE_FIELDS} } } }`,
        variables: { wf: smallWorkflow.id },
        select: (d) => (d.workflow as { c: Page }).c,
        expected: data.executionsOf(smallWorkflow.id).map((e) => e.id),
      },
      {
        name: 'triggerInvocationStatuses',
        query: `query($first: Int, $after: String, $s: String) { c: triggerInvocationStatuses(first: $first, after: $after, filter: { subscriptionId: { eq: $s } }) { ${PAGE_FIELDS} } }`,
        variables: { s: subscription },
        select: (d) => d.c as Page,
        expected: subscriptionIds,
      },
      {
        name: 'accountActivities',
        query: `query($first: Int, $after: String, $by: ID) { c: accountActivities(first: $first, after: $after, requestedBy: $by, filter: { type: { eq: "Certification" } }) { ${PAGE_FIELDS} } }`,
        variables: { by: requester },
        select: (d) => d.c as Page,
        expected: requested,
      },
    ];

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...connections),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        async (conn, sizes) => {
          const seen: string[] = [];
          let after: string | null = null;
          for (let i = 0; i < 200; i++) {
            const first = sizes[i % sizes.length] as number;
            const result: Run<Record<string, unknown>> = await run(gw, conn.query, {
              ...conn.variables,
              first,
              after,
            });
            const page = conn.select(ok(result));
            expect(page.edges.length).toBeLessThanOrEqual(first);
            expect(result.upstream.every((r) => Number(r.query.limit ?? 0) <= 250)).toBe(true);
            seen.push(...edgeIds(page));
            if (!page.pageInfo.hasNextPage) break;
            expect(page.edges).toHaveLength(first);
            after = page.pageInfo.endCursor;
          }
          expect(seen).toEqual(conn.expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('cursors', () => {
  it('rejects a cursor from another connection, or from other filter/order arguments, before any upstream call', async () => {
    const wfCursor = ok(
      await run<{ workflows: Page }>(
        gw,
        '{ workflows(first: 2) { edges { cursor node { id } } pageInfo { endCursor hasNextPage hasPreviousPage startCursor } } }',
      ),
    ).workflows.pageInfo.endCursor;
    const typed = ok(
      await run<{ accountActivities: Page }>(
        gw,
        '{ accountActivities(first: 2, filter: { type: { eq: "appRequest" } }) { pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { id } } } }',
      ),
    ).accountActivities.pageInfo.endCursor;
    const cases: [string, string, Record<string, unknown>][] = [
      ['workflows cursor on accountActivities', 'accountActivities(first: 2, after: $c)', { c: wfCursor }],
      [
        'other filter',
        'accountActivities(first: 2, after: $c, filter: { type: { eq: "Certification" } })',
        { c: typed },
      ],
      [
        'other order',
        'accountActivities(first: 2, after: $c, filter: { type: { eq: "appRequest" } }, orderBy: [{ field: CREATED }])',
        { c: typed },
      ],
      [
        'identity argument added',
        'accountActivities(first: 2, after: $c, requestedFor: "me", filter: { type: { eq: "appRequest" } })',
        { c: typed },
      ],
      [
        'as before on workflows',
        'workflows(last: 2, before: $c, filter: { enabled: true })',
        { c: wfCursor },
      ],
    ];
    for (const [name, field, variables] of cases) {
      const result = await run(gw, `query($c: String) { ${field} { edges { cursor } } }`, variables);
      expect({ name, codes: codes(result.errors) }).toEqual({ name, codes: ['BAD_USER_INPUT'] });
      expect(result.upstream).toEqual([]);
    }
    // The same arguments with another page size accept it: cursors are bound to the list, not the page.
    const same = await run<{ accountActivities: Page }>(
      gw,
      'query($c: String) { accountActivities(first: 5, after: $c, filter: { type: { eq: "appRequest" } }) { edges { node { id } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }',
      { c: typed },
    );
    expect(ok(same).accountActivities.pageInfo.hasPreviousPage).toBe(true);
  });

  it("rejects one workflow's executions cursor on another workflow, on that field only", async () => {
    const [a, b] = gw.tenant.data.workflows.filter((w) => gw.tenant.data.executionsOf(w.id).length > 3);
    if (!a || !b) throw new Error('need two workflows with executions');
    const cursor = ok(
      await run<{ workflow: { executions: Page } }>(
        gw,
        'query($id: ID!) { workflow(id: $id) { executions(first: 2) { pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { id } } } } }',
        { id: a.id },
      ),
    ).workflow.executions.pageInfo.endCursor;
    const result = await run(
      gw,
      'query($id: ID!, $c: String) { workflow(id: $id) { id executions(first: 2, after: $c) { nodes { id } } } }',
      { id: b.id, c: cursor },
    );
    expect(result.body.data).toEqual({ workflow: { id: b.id, executions: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['workflow', 'executions'], extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expect(result.upstream.map((r) => r.path)).toEqual(['/workflows/v1']);
  });

  it('property: a malformed cursor is BAD_USER_INPUT with no upstream request', async () => {
    const malformed = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.base64String({ maxLength: 60 }),
      fc.string({ maxLength: 40 }).map((s) => Buffer.from(s, 'utf8').toString('base64url')),
      // Well-formed, but with a key no connection has (or a garbled offset).
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), fc.string({ maxLength: 12 }))
        .map(([key, offset]) => Buffer.from(`c1:${key}:${offset}`, 'utf8').toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(malformed, fc.constantFrom('after', 'before'), async (cursor, arg) => {
        const result = await run(
          gw,
          `query($c: String) { accountActivities(first: 3, ${arg}: $c) { nodes { id } } }`,
          {
            c: cursor,
          },
        );
        expect(codes(result.errors)).toEqual(['BAD_USER_INPUT']);
        expect(result.body.data).toEqual({ accountActivities: null });
        expect(result.upstream).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
