import fc from 'fast-check';
import { GatewayError } from '../../../src/core/errors.js';
import { MAX_CURSOR_OFFSET, encodeCursor } from '../../../src/pagination/cursor.js';
import {
  DEFAULT_PAGE_SIZE,
  UPSTREAM_MAX_LIMIT,
  type PageArgs,
  planPage,
  rangeFromEnd,
  toUpstreamWindows,
  windowsWithLookahead,
} from '../../../src/pagination/plan.js';

const KEY = 'listkey';
const options = { maxPageSize: 1000, key: KEY };
const at = (offset: number): string => encodeCursor({ offset, key: KEY });

function badInput(args: PageArgs): string {
  try {
    planPage(args, options);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    return (error as GatewayError).message;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('planPage validation', () => {
  test('defaults to the first 50 items', () => {
    expect(planPage({}, options)).toEqual({ kind: 'range', start: 0, end: DEFAULT_PAGE_SIZE });
    expect(planPage({ first: null, last: null, after: null, before: null }, options)).toEqual({
      kind: 'range',
      start: 0,
      end: 50,
    });
  });

  test('first: 0 is valid and empty', () => {
    expect(planPage({ first: 0 }, options)).toEqual({ kind: 'range', start: 0, end: 0 });
  });

  test('rejects negative, fractional, too large, and first with last', () => {
    expect(badInput({ first: -1 })).toMatch(/`first` must be zero or a positive integer; got -1/);
    expect(badInput({ last: -5 })).toMatch(/`last` must be zero or a positive integer/);
    expect(badInput({ first: 1.5 })).toMatch(/`first`/);
    expect(badInput({ first: 1001 })).toMatch(/`first` must be at most 1000; got 1001/);
    expect(badInput({ last: 1001 })).toMatch(/`last` must be at most 1000/);
    expect(badInput({ first: 1, last: 1 })).toBe('Pass either `first` or `last`, not both');
  });

  test('maxPageSize itself is allowed', () => {
    expect(planPage({ first: 1000 }, options)).toEqual({ kind: 'range', start: 0, end: 1000 });
  });

  test('rejects cursors of another list and malformed cursors', () => {
    expect(badInput({ after: encodeCursor({ offset: 3, key: 'other' }) })).toMatch(/different list/);
    expect(badInput({ before: 'garbage!' })).toMatch(/Malformed cursor/);
  });

  test('a page that would reach past SailPoint int32 offsets is BAD_USER_INPUT, not an upstream 400', () => {
    const beyond = /beyond the end of any SailPoint list/;
    expect(badInput({ after: at(MAX_CURSOR_OFFSET) })).toMatch(beyond);
    expect(badInput({ after: at(MAX_CURSOR_OFFSET - 10), first: 20 })).toMatch(beyond);
    expect(badInput({ after: at(MAX_CURSOR_OFFSET), last: 5, before: at(MAX_CURSOR_OFFSET) })).toMatch(
      beyond,
    );
    // The last offset a window may start at: the lookahead item of a page ending right before it.
    expect(planPage({ after: at(MAX_CURSOR_OFFSET - 11), first: 10 }, options)).toEqual({
      kind: 'range',
      start: MAX_CURSOR_OFFSET - 10,
      end: MAX_CURSOR_OFFSET,
    });
    expect(planPage({ last: 5, before: at(MAX_CURSOR_OFFSET) }, options)).toEqual({
      kind: 'range',
      start: MAX_CURSOR_OFFSET - 5,
      end: MAX_CURSOR_OFFSET,
    });
  });

  test('property: no planned window ever starts past SailPoint int32 offsets', () => {
    const near = fc.integer({ min: MAX_CURSOR_OFFSET - 2000, max: MAX_CURSOR_OFFSET });
    fc.assert(
      fc.property(fc.option(near), fc.option(near), fc.nat({ max: 1000 }), (after, before, first) => {
        let request;
        try {
          request = planPage(
            { first, after: after === null ? null : at(after), before: before === null ? null : at(before) },
            options,
          );
        } catch (error) {
          expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
          return;
        }
        if (request.kind !== 'range') throw new Error('first never plans fromEnd');
        for (const w of windowsWithLookahead(request))
          expect(w.offset).toBeLessThanOrEqual(MAX_CURSOR_OFFSET);
      }),
    );
  });
});

describe('planPage ranges', () => {
  test('first/after starts one past the after cursor', () => {
    expect(planPage({ first: 10, after: at(9) }, options)).toEqual({ kind: 'range', start: 10, end: 20 });
  });

  test('first is cut by before', () => {
    expect(planPage({ first: 10, before: at(4) }, options)).toEqual({ kind: 'range', start: 0, end: 4 });
    expect(planPage({ first: 10, after: at(2), before: at(20) }, options)).toEqual({
      kind: 'range',
      start: 3,
      end: 13,
    });
  });

  test('last/before ends at the before cursor', () => {
    expect(planPage({ last: 10, before: at(30) }, options)).toEqual({ kind: 'range', start: 20, end: 30 });
    expect(planPage({ last: 10, before: at(4) }, options)).toEqual({ kind: 'range', start: 0, end: 4 });
    expect(planPage({ last: 10, after: at(24), before: at(30) }, options)).toEqual({
      kind: 'range',
      start: 25,
      end: 30,
    });
  });

  test('after past before gives an empty range', () => {
    expect(planPage({ first: 10, after: at(30), before: at(5) }, options)).toEqual({
      kind: 'range',
      start: 31,
      end: 31,
    });
    expect(planPage({ last: 10, after: at(30), before: at(5) }, options)).toEqual({
      kind: 'range',
      start: 31,
      end: 31,
    });
  });

  test('last without before needs the total', () => {
    expect(planPage({ last: 10 }, options)).toEqual({ kind: 'fromEnd', size: 10, lowerBound: 0 });
    expect(planPage({ last: 10, after: at(4) }, options)).toEqual({
      kind: 'fromEnd',
      size: 10,
      lowerBound: 5,
    });
    expect(rangeFromEnd({ size: 10, lowerBound: 0 }, 95)).toEqual({ start: 85, end: 95 });
    expect(rangeFromEnd({ size: 10, lowerBound: 0 }, 3)).toEqual({ start: 0, end: 3 });
    expect(rangeFromEnd({ size: 10, lowerBound: 90 }, 95)).toEqual({ start: 90, end: 95 });
    expect(rangeFromEnd({ size: 10, lowerBound: 100 }, 95)).toEqual({ start: 100, end: 100 });
  });
});

describe('upstream windows', () => {
  test('a 1000-item page is four windows of 250 plus the lookahead item', () => {
    expect(windowsWithLookahead({ start: 0, end: 1000 })).toEqual([
      { offset: 0, limit: 250 },
      { offset: 250, limit: 250 },
      { offset: 500, limit: 250 },
      { offset: 750, limit: 250 },
      { offset: 1000, limit: 1 },
    ]);
  });

  test('first: 0 still fetches the lookahead item (hasNextPage)', () => {
    expect(windowsWithLookahead({ start: 7, end: 7 })).toEqual([{ offset: 7, limit: 1 }]);
  });

  test('windows never exceed 250 and cover exactly the page plus one lookahead item', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 2000 }), (start, size) => {
        const windows = windowsWithLookahead({ start, end: start + size });
        let next = start;
        for (const w of windows) {
          expect(w.limit).toBeGreaterThan(0);
          expect(w.limit).toBeLessThanOrEqual(UPSTREAM_MAX_LIMIT);
          expect(w.offset).toBe(next);
          next = w.offset + w.limit;
        }
        expect(next).toBe(start + size + 1);
        expect(windows.length).toBe(Math.ceil((size + 1) / UPSTREAM_MAX_LIMIT));
      }),
    );
  });

  test('an empty range has no windows', () => {
    expect(toUpstreamWindows(5, 5)).toEqual([]);
  });

  test('every valid argument combination plans a range inside the cursors', () => {
    const args = fc.record(
      {
        first: fc.option(fc.nat({ max: 1000 })),
        last: fc.option(fc.nat({ max: 1000 })),
        after: fc.option(fc.nat({ max: 5000 })),
        before: fc.option(fc.nat({ max: 5000 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(args, ({ first, last, after, before }) => {
        fc.pre(!(first !== undefined && first !== null && last !== undefined && last !== null));
        const request = planPage(
          {
            first,
            last,
            after: after === undefined || after === null ? after : at(after),
            before: before === undefined || before === null ? before : at(before),
          },
          options,
        );
        const range = request.kind === 'range' ? request : rangeFromEnd(request, 3000);
        expect(range.start).toBeLessThanOrEqual(range.end);
        if (after !== undefined && after !== null) expect(range.start).toBeGreaterThan(after);
        if (before !== undefined && before !== null)
          expect(range.end).toBeLessThanOrEqual(Math.max(before, range.start));
        const size = first ?? last ?? DEFAULT_PAGE_SIZE;
        expect(range.end - range.start).toBeLessThanOrEqual(size);
      }),
    );
  });
});
