// Page sizes and directions of every connection (defaults, first: 0, last, before/after, MAX_PAGE_SIZE) and
// large pages, fetched in concurrent windows of at most 250.
import type { RecordedRequest } from '../../../src/demo-tenant/index.js';
import {
  codes,
  edgeIds,
  gw,
  ok,
  requestsOf,
  run,
  startGateway,
  useGateway,
  type Page,
  type Run,
} from './support.js';

const ACTIVITIES = '/account-activities/v1';

useGateway();

const activityIds = (): string[] => gw.tenant.data.accountActivities.map((a) => a.id);
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
