import fc from 'fast-check';
import { GatewayError } from '../../../src/core/errors.js';
import {
  type ConnectionPage,
  type ConnectionSource,
  connectionFields,
  resolveConnection,
} from '../../../src/pagination/connection.js';
import type { PageArgs } from '../../../src/pagination/plan.js';
import type { ListResult, PageWindow } from '../../../src/upstream/types.js';

interface Fetch {
  window: PageWindow;
  count: boolean;
}

/** A list of `length` items (item i is `i`) behind a source that records each upstream call. */
function simulated(length: number, options: { countable?: boolean; ignoreLimit?: boolean } = {}) {
  const fetches: Fetch[] = [];
  const source: ConnectionSource<number> = {
    key: 'sim',
    countable: options.countable ?? true,
    fetchWindow: (window, count) => {
      fetches.push({ window, count });
      const end = options.ignoreLimit ? window.offset + 250 : window.offset + window.limit;
      const items = Array.from(
        { length: Math.max(0, Math.min(end, length) - window.offset) },
        (_, i) => window.offset + i,
      );
      const result: ListResult<number> = count ? { items, totalCount: length } : { items };
      return Promise.resolve(result);
    },
  };
  return { source, fetches };
}

const run = (
  source: ConnectionSource<number>,
  args: PageArgs,
  wantTotal = false,
): Promise<ConnectionPage<number>> => resolveConnection(args, source, { maxPageSize: 1000, wantTotal });

const nodes = (page: ConnectionPage<number>): number[] => connectionFields.nodes(page);

describe('resolveConnection forward', () => {
  test('first page of a long list: one call with one lookahead item, exact hasNextPage', async () => {
    const { source, fetches } = simulated(100);
    const page = await run(source, { first: 10 });
    expect(nodes(page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(fetches).toEqual([{ window: { offset: 0, limit: 11 }, count: false }]);
  });

  test('a page that ends exactly at the end of the list has no next page', async () => {
    const { source } = simulated(10);
    const page = await run(source, { first: 10 });
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.pageInfo.endCursor).toBe(page.edges[9]?.cursor);
  });

  test('count=true rides on the first window only, and only when totalCount is selected', async () => {
    const { source, fetches } = simulated(2000);
    const page = await run(source, { first: 600 }, true);
    expect(fetches).toEqual([
      { window: { offset: 0, limit: 250 }, count: true },
      { window: { offset: 250, limit: 250 }, count: false },
      { window: { offset: 500, limit: 101 }, count: false },
    ]);
    expect(await connectionFields.totalCount(page)).toBe(2000);
    expect(fetches).toHaveLength(3);
    expect(nodes(page)).toHaveLength(600);
  });

  test('totalCount not selected: no count on item calls; if resolved anyway it costs one counted call', async () => {
    const { source, fetches } = simulated(30);
    const page = await run(source, { first: 5 });
    expect(fetches.every((f) => !f.count)).toBe(true);
    expect(await connectionFields.totalCount(page)).toBe(30);
    expect(fetches[1]).toEqual({ window: { offset: 0, limit: 1 }, count: true });
  });

  test('first: 0 returns no edges but knows whether items exist', async () => {
    const { source } = simulated(3);
    const page = await run(source, { first: 0 });
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  test('an upstream that ignores `limit` is cut to the window (reported for executions)', async () => {
    const { source } = simulated(1000, { ignoreLimit: true });
    const page = await run(source, { first: 3 });
    expect(nodes(page)).toEqual([0, 1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  test('a short window ends the list even when a later concurrent window returns items', async () => {
    const source: ConnectionSource<number> = {
      key: 'sim',
      countable: false,
      // The list shrank between calls: the second window must not add items after a gap.
      fetchWindow: ({ offset, limit }) =>
        Promise.resolve({
          items: offset === 0 ? [0, 1, 2] : Array.from({ length: limit }, (_, i) => offset + i),
        }),
    };
    const page = await run(source, { first: 400 });
    expect(nodes(page)).toEqual([0, 1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  test('paging with after: endCursor yields every item once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 700 }), fc.integer({ min: 1, max: 300 }), async (length, size) => {
        const { source } = simulated(length);
        const seen: number[] = [];
        let after: string | null = null;
        for (let guard = 0; guard <= length + 1; guard++) {
          const page: ConnectionPage<number> = await run(source, { first: size, after });
          seen.push(...nodes(page));
          expect(page.pageInfo.hasPreviousPage).toBe(after !== null && seen.length > 0);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(Array.from({ length }, (_, i) => i));
      }),
      { numRuns: 150 },
    );
  });
});

describe('resolveConnection backward', () => {
  test('last without before: one counted call answers a list no longer than the page', async () => {
    const { source, fetches } = simulated(7);
    const page = await run(source, { last: 10 }, true);
    expect(nodes(page)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fetches).toEqual([{ window: { offset: 0, limit: 11 }, count: true }]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(await connectionFields.totalCount(page)).toBe(7);
    expect(fetches).toHaveLength(1);
  });

  test('last without before on a long list: the counted call, then the last items without lookahead', async () => {
    const { source, fetches } = simulated(1000);
    const page = await run(source, { last: 3 });
    expect(nodes(page)).toEqual([997, 998, 999]);
    expect(fetches).toEqual([
      { window: { offset: 0, limit: 4 }, count: true },
      { window: { offset: 997, limit: 3 }, count: false },
    ]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(await connectionFields.totalCount(page)).toBe(1000);
  });

  test('last: 0 without before costs only the count call', async () => {
    const { source, fetches } = simulated(1000);
    const page = await run(source, { last: 0 });
    expect(page.edges).toEqual([]);
    expect(fetches).toHaveLength(1);
  });

  test('last without before on a list that cannot be counted is BAD_USER_INPUT before any call', async () => {
    const { source, fetches } = simulated(10, { countable: false });
    const error = await run(source, { last: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    expect(fetches).toEqual([]);
  });

  test('a list that cannot be counted has no totalCount', async () => {
    const { source } = simulated(10, { countable: false });
    const page = await run(source, { first: 2 }, true);
    expect(page.totalCount).toBeUndefined();
  });

  test('paging with before: startCursor from the end yields every item once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 600 }), fc.integer({ min: 1, max: 300 }), async (length, size) => {
        const { source } = simulated(length);
        const pages: number[][] = [];
        let before: string | null = null;
        for (let guard = 0; guard <= length + 1; guard++) {
          const page: ConnectionPage<number> = await run(source, { last: size, before });
          pages.unshift(nodes(page));
          if (!page.pageInfo.hasPreviousPage) break;
          before = page.pageInfo.startCursor;
        }
        expect(pages.flat()).toEqual(Array.from({ length }, (_, i) => i));
      }),
      { numRuns: 100 },
    );
  });

  test('a counted call without a total is an upstream error, not a wrong page', async () => {
    const source: ConnectionSource<number> = {
      key: 'sim',
      countable: true,
      fetchWindow: () => Promise.resolve({ items: [1, 2, 3] }),
    };
    const error = await run(source, { last: 2 }).catch((e: unknown) => e);
    expect((error as GatewayError).code).toBe('UPSTREAM_ERROR');
  });
});
