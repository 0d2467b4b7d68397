import { badUserInput } from '../core/errors.js';
import type { PageWindow } from '../upstream/types.js';
import { MAX_CURSOR_OFFSET, cursorOffset } from './cursor.js';

/** SailPoint's largest `limit` on every list endpoint (UPSTREAM.md section 3). */
export const UPSTREAM_MAX_LIMIT = 250;
/** Page size when neither `first` nor `last` is given (DESIGN.md section 4). */
export const DEFAULT_PAGE_SIZE = 50;

/** The Relay arguments of a connection field, as GraphQL hands them over (absent or explicit null). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * What a page needs, in item offsets.
 * - `range`: the items [start, end) are known up front; fetch [start, end + 1) so the extra item tells hasNextPage.
 * - `fromEnd`: `last` without `before`: the page is the last `size` items at or after `lowerBound`, which needs
 *   the total first.
 */
export type PageRequest =
  { kind: 'range'; start: number; end: number } | { kind: 'fromEnd'; size: number; lowerBound: number };

function pageSize(name: 'first' | 'last', value: number, maxPageSize: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw badUserInput(`\`${name}\` must be zero or a positive integer; got ${value}`);
  }
  if (value > maxPageSize) {
    throw badUserInput(
      `\`${name}\` must be at most ${maxPageSize}; got ${value}. Page with \`after\`/\`before\`.`,
    );
  }
  return value;
}

/** Validates the Relay arguments and turns them into item offsets (DESIGN.md section 4). Pure. */
export function planPage(args: PageArgs, options: { maxPageSize: number; key: string }): PageRequest {
  const { first, last, after, before } = args;
  const hasFirst = first !== undefined && first !== null;
  const hasLast = last !== undefined && last !== null;
  if (hasFirst && hasLast) {
    throw badUserInput('Pass either `first` or `last`, not both');
  }
  // `after` points at the last item the caller has seen: the page starts one past it.
  const lowerBound = after !== undefined && after !== null ? cursorOffset(after, options.key) + 1 : 0;
  const upperBound = before !== undefined && before !== null ? cursorOffset(before, options.key) : undefined;

  if (hasLast) {
    const size = pageSize('last', last, options.maxPageSize);
    if (upperBound === undefined) return { kind: 'fromEnd', size, lowerBound };
    const end = Math.max(lowerBound, upperBound);
    return range(Math.max(lowerBound, end - size), end);
  }
  const size = hasFirst ? pageSize('first', first, options.maxPageSize) : DEFAULT_PAGE_SIZE;
  const end =
    upperBound === undefined
      ? lowerBound + size
      : Math.max(lowerBound, Math.min(lowerBound + size, upperBound));
  return range(lowerBound, end);
}

function range(start: number, end: number): PageRequest {
  // The lookahead window starts at `end` at the latest. Cursors stop at SailPoint's int32 offsets, but `after`
  // on the last of them, or a page after a cursor near it, would still ask for an offset SailPoint rejects.
  if (end > MAX_CURSOR_OFFSET) {
    throw badUserInput(
      'This cursor points beyond the end of any SailPoint list; start again without `after`/`before`',
    );
  }
  return { kind: 'range', start, end };
}

/** The `fromEnd` page once the total is known. */
export function rangeFromEnd(
  request: { size: number; lowerBound: number },
  total: number,
): { start: number; end: number } {
  const end = Math.max(request.lowerBound, total);
  return { start: Math.max(request.lowerBound, end - request.size), end };
}

/**
 * Upstream windows covering [start, end), each with `limit` <= 250, in order. Callers fetch them concurrently:
 * SailPoint caps `limit` at 250, so a bigger page needs several calls (UPSTREAM.md section 7).
 */
export function toUpstreamWindows(start: number, end: number): PageWindow[] {
  const windows: PageWindow[] = [];
  for (let offset = start; offset < end; offset += UPSTREAM_MAX_LIMIT) {
    windows.push({ offset, limit: Math.min(UPSTREAM_MAX_LIMIT, end - offset) });
  }
  return windows;
}

/** Windows for a `range` page: its items plus one lookahead item, so hasNextPage is exact without `count`. */
export function windowsWithLookahead(range: { start: number; end: number }): PageWindow[] {
  return toUpstreamWindows(range.start, range.end + 1);
}
