import fc from 'fast-check';
import {
  INVOCATION_STATUS_FILTER_RULES,
  checkFilter,
  parseFilter,
} from '../../../src/demo-tenant/filter/index.js';
import type { TriggerInvocationStatusFilter } from '../../../src/__generated__/resolvers-types.js';
import {
  TRIGGER_INVOCATION_TYPE,
  toInvocationStatusFilters,
  toInvocationStatusQuery,
  toInvocationStatusSorters,
} from '../../../src/trigger-invocations/translate.js';
import { badInput, expectBijection } from '../pagination/assertions.js';

describe('trigger invocation translators', () => {
  test('TriggerInvocationType map is a bijection', () => {
    expectBijection(TRIGGER_INVOCATION_TYPE);
  });

  test('filters: quoted, escaped, joined with and', () => {
    expect(toInvocationStatusFilters({ triggerId: { eq: 'idn:access-request-dynamic-approver' } })).toBe(
      'triggerId eq "idn:access-request-dynamic-approver"',
    );
    expect(toInvocationStatusFilters({ triggerId: { eq: 'a"b' }, subscriptionId: { eq: 'c\\d' } })).toBe(
      'triggerId eq "a\\"b" and subscriptionId eq "c\\\\d"',
    );
  });

  test('string values longer than 256 characters are BAD_USER_INPUT naming the argument', () => {
    expect(toInvocationStatusFilters({ triggerId: { eq: 'x'.repeat(256) } })).toHaveLength(
      'triggerId eq ""'.length + 256,
    );
    expect(badInput(() => toInvocationStatusFilters({ triggerId: { eq: 'x'.repeat(257) } }))).toBe(
      '`filter.triggerId.eq` must be at most 256 characters long; got 257',
    );
    expect(badInput(() => toInvocationStatusFilters({ subscriptionId: { eq: 'x'.repeat(20_000) } }))).toBe(
      '`filter.subscriptionId.eq` must be at most 256 characters long; got 20000',
    );
  });

  test('no filter or no operators -> undefined (no filters param)', () => {
    expect(toInvocationStatusFilters(undefined)).toBeUndefined();
    expect(toInvocationStatusFilters({})).toBeUndefined();
    expect(toInvocationStatusFilters({ triggerId: {}, subscriptionId: { eq: null } })).toBeUndefined();
  });

  test('sorters', () => {
    expect(
      toInvocationStatusSorters([{ field: 'CREATED', direction: 'DESC' }, { field: 'TRIGGER_ID' }]),
    ).toBe('-created,triggerId');
    expect(
      toInvocationStatusSorters([{ field: 'SUBSCRIPTION_NAME' }, { field: 'COMPLETED', direction: 'DESC' }]),
    ).toBe('subscriptionName,-completed');
    expect(toInvocationStatusSorters([])).toBeUndefined();
    expect(badInput(() => toInvocationStatusSorters([{ field: 'CREATED' }, { field: 'CREATED' }]))).toMatch(
      /more than once/,
    );
  });

  test('query object has no undefined members', () => {
    expect(toInvocationStatusQuery(null, null)).toEqual({});
    expect(Object.keys(toInvocationStatusQuery({ triggerId: { eq: 'x' } }, null))).toEqual(['filters']);
    expect(Object.keys(toInvocationStatusQuery(null, [{ field: 'CREATED' }]))).toEqual(['sorters']);
  });

  test('any filter translates to something SailPoint accepts, with each value parsed back intact', () => {
    const eq = fc.option(fc.record({ eq: fc.option(fc.string()) }, { requiredKeys: [] }));
    const arb: fc.Arbitrary<TriggerInvocationStatusFilter> = fc.record(
      { triggerId: eq, subscriptionId: eq },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arb, (filter) => {
        const text = toInvocationStatusFilters(filter);
        const expected = (['triggerId', 'subscriptionId'] as const).filter(
          (f) => filter[f]?.eq !== undefined && filter[f]?.eq !== null,
        );
        if (expected.length === 0) return expect(text).toBeUndefined();
        expect(text).toBeDefined();
        const expr = parseFilter(text as string);
        checkFilter(expr, INVOCATION_STATUS_FILTER_RULES);
        const leaves = expr.kind === 'and' ? [expr.left, expr.right] : [expr];
        expect(leaves).toEqual(
          expected.map((field) => ({
            kind: 'compare',
            field,
            op: 'eq',
            value: { type: 'string', value: filter[field]?.eq },
          })),
        );
      }),
    );
  });
});
