/**
 * Pagination (DESIGN.md section 4): Relay connections over SailPoint's offset/limit lists. args.ts validates
 * `first/after/last/before`, plan.ts turns them into the fewest upstream pages, cursor.ts makes opaque cursors
 * bound to the query they came from, list-loader.ts fetches the planned pages, and this file builds the
 * connection (edges, pageInfo, totalCount) from what came back. list-query.ts builds SailPoint `filters` and
 * `sorters` strings for the domain translators, selection.ts reads which child fields a query selects, and
 * pages.ts names each connection's page type for codegen.
 */
import { GatewayError, badUserInput } from '../core/errors.js';
import type { ListResult, PageWindow } from '../upstream/types.js';
import { encodeCursor } from './cursor.js';
import {
  type PageArgs,
  UPSTREAM_MAX_LIMIT,
  planPage,
  rangeFromEnd,
  toUpstreamWindows,
  windowsWithLookahead,
} from './plan.js';

/**
 * What a connection resolver returns: the page's items with their cursors plus what PageInfo and totalCount
 * need. `totalCount` is lazy so `count=true` is sent upstream only when the field is selected.
 */
export interface ConnectionPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount?: () => Promise<number>;
}

/** One list as the pager sees it. */
export interface ConnectionSource<T> {
  /** connectionKey() of the list; cursors carry it. */
  key: string;
  /**
   * Fetch items [offset, offset + limit). `count`: also return `totalCount` (only ever true when `countable`).
   * Implementations go through a request loader, so identical windows are fetched once per operation.
   */
  fetchWindow(window: PageWindow, count: boolean): Promise<ListResult<T>>;
  /** Whether the upstream can count this list (`count=true`); workflow executions cannot. */
  countable: boolean;
  /** Message for `last` without `before` on a list that cannot be counted. */
  uncountableMessage?: string;
}

export interface ConnectionOptions {
  maxPageSize: number;
  /** `totalCount` is selected: ask for the count on the first item call instead of making a separate call. */
  wantTotal: boolean;
}

/**
 * Resolves one Relay page over an offset/limit list (DESIGN.md section 4):
 * - `first`/`after`/`before`: the items plus one lookahead item, split into windows of at most 250 fetched
 *   concurrently; `count=true` rides on the first window when totalCount is selected.
 * - `last` without `before`: one counted call first. It asks for `last + 1` items from offset 0, so a list no
 *   longer than the page is answered by that single call; otherwise the page's windows follow.
 * totalCount stays lazy: when it was not selected (and so not fetched), its resolver makes one counted call.
 */
export async function resolveConnection<T>(
  args: PageArgs,
  source: ConnectionSource<T>,
  options: ConnectionOptions,
): Promise<ConnectionPage<T>> {
  const request = planPage(args, { maxPageSize: options.maxPageSize, key: source.key });
  let total: number | undefined;
  let start: number;
  let size: number;
  let items: T[];
  let hasNextPage: boolean;

  if (request.kind === 'fromEnd') {
    if (!source.countable) {
      throw badUserInput(
        source.uncountableMessage ?? '`last` without `before` is not supported on this list',
      );
    }
    const probe = { offset: 0, limit: Math.min(UPSTREAM_MAX_LIMIT, request.size + 1) };
    const counted = await source.fetchWindow(probe, true);
    total = requireTotal(counted);
    const range = rangeFromEnd(request, total);
    start = range.start;
    size = range.end - range.start;
    if (counted.items.length < probe.limit) {
      // A short page is the whole list: the page is already in hand.
      items = counted.items.slice(range.start, range.end);
    } else {
      // The page ends at the total, so no lookahead item is needed.
      items = await fetchWindows(source, toUpstreamWindows(range.start, range.end), false);
    }
    hasNextPage = start + items.length < total;
  } else {
    start = request.start;
    size = request.end - request.start;
    const countFirst = options.wantTotal && source.countable;
    const windows = windowsWithLookahead(request);
    const results = await fetchWindowResults(source, windows, countFirst);
    items = stitch(windows, results);
    if (countFirst) total = results[0]?.totalCount;
    hasNextPage = items.length > size;
  }

  const edges = items
    .slice(0, size)
    .map((node, i) => ({ cursor: encodeCursor({ offset: start + i, key: source.key }), node }));
  const known = total;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: source.countable
      ? known !== undefined
        ? () => Promise.resolve(known)
        : async () => requireTotal(await source.fetchWindow({ offset: 0, limit: 1 }, true))
      : undefined,
  };
}

function requireTotal(result: ListResult<unknown>): number {
  if (result.totalCount === undefined || !Number.isSafeInteger(result.totalCount) || result.totalCount < 0) {
    throw new GatewayError('UPSTREAM_ERROR', 'SailPoint did not return a total count for this list');
  }
  return result.totalCount;
}

function fetchWindowResults<T>(
  source: ConnectionSource<T>,
  windows: PageWindow[],
  countFirst: boolean,
): Promise<ListResult<T>[]> {
  return Promise.all(windows.map((w, i) => source.fetchWindow(w, countFirst && i === 0)));
}

async function fetchWindows<T>(
  source: ConnectionSource<T>,
  windows: PageWindow[],
  countFirst: boolean,
): Promise<T[]> {
  return stitch(windows, await fetchWindowResults(source, windows, countFirst));
}

/**
 * Concatenates window results in order. A window is cut to its `limit` (SailPoint has been reported to ignore
 * `limit` on executions), and a short window ends the list: later windows, fetched concurrently, can only hold
 * items that moved in between and would show up twice.
 */
function stitch<T>(windows: PageWindow[], results: ListResult<T>[]): T[] {
  const items: T[] = [];
  for (let i = 0; i < windows.length; i++) {
    const limit = windows[i]?.limit ?? 0;
    const page = (results[i]?.items ?? []).slice(0, limit);
    items.push(...page);
    if (page.length < limit) break;
  }
  return items;
}

/** Field resolvers shared by every XConnection type. */
export const connectionFields = {
  nodes: <T>(page: ConnectionPage<T>): T[] => page.edges.map((edge) => edge.node),
  totalCount: <T>(page: ConnectionPage<T>): Promise<number> => {
    if (!page.totalCount)
      throw new GatewayError('INTERNAL_SERVER_ERROR', 'totalCount is not available on this list');
    return page.totalCount();
  },
};
