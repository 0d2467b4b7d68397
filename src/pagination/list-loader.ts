import DataLoader from 'dataloader';
import { idError } from '../core/ids.js';
import type { ListQuery, ListResult } from '../upstream/types.js';
import { stableStringify } from './cursor.js';

/** Per-request memo of one list endpoint, keyed by the full query. */
export interface ListLoader<Q extends ListQuery, T> {
  load(query: Q): Promise<ListResult<T>>;
}

/**
 * Memoises list calls within one request by their full query, so aliases and repeated fragments that ask for the
 * same page make one upstream call. A counted call also answers the same query without `count` (the items are
 * identical), so a page fetched for `totalCount` is not fetched again by a sibling that does not select it.
 * No batching: SailPoint has no multi-query endpoint.
 */
export function createListLoader<Q extends ListQuery, T>(
  fetch: (query: Q) => Promise<ListResult<T>>,
): ListLoader<Q, T> {
  const keyOf = (query: Q): string =>
    stableStringify({ ...query, count: query.count === true ? true : undefined });
  const loader = new DataLoader<Q, ListResult<T>, string>(
    (queries) => Promise.all(queries.map((q) => fetch(q))),
    {
      batch: false,
      cacheKeyFn: keyOf,
    },
  );
  const counted = new Set<string>();
  return {
    load(query) {
      if (query.count === true) {
        counted.add(keyOf(query));
        return loader.load(query);
      }
      const countedQuery = { ...query, count: true };
      return counted.has(keyOf(countedQuery)) ? loader.load(countedQuery) : loader.load(query);
    },
  };
}

/** A zero-argument call made at most once per request (its failure too: retrying within one operation would only
 * multiply upstream calls for the same answer). */
export function once<T>(fetch: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fetch());
}

/**
 * By-id lookups answered by indexing one whole list (endpoints without a by-id or multi-get call that fits). Ids
 * get the validation every by-id lookup gets, so invalid ones fail alike everywhere, and a batch of only invalid
 * ids costs no list call.
 */
export function byIdFromList<T extends { id: string }>(
  list: () => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const invalid = ids.map((id) => idError(id));
    if (invalid.every((error) => error !== undefined)) return invalid;
    const byId = new Map((await list()).map((item) => [item.id, item]));
    return ids.map((id, i) => invalid[i] ?? byId.get(id) ?? null);
  });
}
