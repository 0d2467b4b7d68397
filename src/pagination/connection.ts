/**
 * What a connection resolver returns: the page's items with their cursors plus what PageInfo and totalCount
 * need. `totalCount` is lazy so `count=true` is sent upstream only when the field is selected.
 */
export interface ConnectionPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount?: () => Promise<number>;
}
