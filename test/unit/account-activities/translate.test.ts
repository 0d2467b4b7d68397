import fc from 'fast-check';
import {
  ACCOUNT_ACTIVITY_FILTER_RULES,
  checkFilter,
  parseFilter,
} from '../../../src/demo-tenant/filter/index.js';
import type { AccountActivityFilter } from '../../../src/__generated__/resolvers-types.js';
import {
  ACCOUNT_ACTIVITY_APPROVAL_STATUS,
  ACCOUNT_ACTIVITY_COMPLETION_STATUS,
  ACCOUNT_ACTIVITY_EXECUTION_STATUS,
  ACCOUNT_ACTIVITY_ITEM_OPERATION,
  PROVISIONING_STATUS,
  REQUESTABLE_OBJECT_TYPE,
  toAccountActivityFilters,
  toAccountActivityQuery,
  toAccountActivitySorters,
} from '../../../src/account-activities/translate.js';
import type { UpstreamEnum } from '../../../src/core/enums.js';
import { badInput, expectBijection } from '../pagination/assertions.js';

describe('account activity enum maps', () => {
  test.each<UpstreamEnum<string>>([
    ACCOUNT_ACTIVITY_COMPLETION_STATUS,
    ACCOUNT_ACTIVITY_EXECUTION_STATUS,
    ACCOUNT_ACTIVITY_APPROVAL_STATUS,
    PROVISIONING_STATUS,
    ACCOUNT_ACTIVITY_ITEM_OPERATION,
    REQUESTABLE_OBJECT_TYPE,
  ])('$name is a bijection with the schema enum', (e) => {
    expectBijection(e);
  });

  test('COMMITED keeps SailPoint spelling', () => {
    expect(PROVISIONING_STATUS.fromUpstream('COMMITED')).toBe('COMMITED');
    expect(PROVISIONING_STATUS.fromUpstream('COMMITTED')).toBe('UNKNOWN');
  });
});

describe('toAccountActivityFilters', () => {
  test('type operators: quoted strings, in list, isnull', () => {
    expect(toAccountActivityFilters({ type: { in: ['Identity Refresh', 'appRequest'] } })).toBe(
      'type in ("Identity Refresh","appRequest")',
    );
    expect(toAccountActivityFilters({ type: { eq: 'a', ne: 'b', sw: 'app' } })).toBe(
      'type eq "a" and type ne "b" and type sw "app"',
    );
    expect(toAccountActivityFilters({ type: { isNull: true } })).toBe('type isnull');
  });

  test('date-time operators unquoted, in list, combined with type', () => {
    expect(
      toAccountActivityFilters({
        type: { eq: 'appRequest' },
        created: { ge: '2026-01-01T00:00:00Z', lt: '2026-02-01T00:00:00.5+01:00' },
        modified: { in: ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'], ne: '2026-01-03T00:00:00Z' },
      }),
    ).toBe(
      'type eq "appRequest" and created ge 2026-01-01T00:00:00Z and created lt 2026-02-01T00:00:00.5+01:00 and ' +
        'modified ne 2026-01-03T00:00:00Z and modified in (2026-01-01T00:00:00Z,2026-01-02T00:00:00Z)',
    );
    expect(toAccountActivityFilters({ modified: { isNull: true } })).toBe('modified isnull');
  });

  test('rejections', () => {
    expect(badInput(() => toAccountActivityFilters({ type: { in: [] } }))).toBe(
      '`filter.type.in` needs at least one value',
    );
    expect(badInput(() => toAccountActivityFilters({ type: { isNull: false } }))).toMatch(
      /`filter.type.isNull: false`/,
    );
    expect(badInput(() => toAccountActivityFilters({ created: { isNull: false } }))).toMatch(
      /`filter.created.isNull: false`/,
    );
    expect(
      badInput(() => toAccountActivityFilters({ created: { in: ['2026-01-01T00:00:00Z', 'soon'] } })),
    ).toMatch(/`filter.created.in\[1\]`/);
    expect(badInput(() => toAccountActivityFilters({ modified: { gt: '2026-13-01T00:00:00Z' } }))).toMatch(
      /`filter.modified.gt`/,
    );
  });

  test('empty filter object or no operators -> undefined', () => {
    expect(toAccountActivityFilters({})).toBeUndefined();
    expect(toAccountActivityFilters({ type: {}, created: { eq: null }, modified: null })).toBeUndefined();
  });

  const dateTimeArb = fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());
  const dateOps = fc.option(
    fc.record(
      {
        eq: fc.option(dateTimeArb),
        ne: fc.option(dateTimeArb),
        gt: fc.option(dateTimeArb),
        ge: fc.option(dateTimeArb),
        lt: fc.option(dateTimeArb),
        le: fc.option(dateTimeArb),
        in: fc.option(fc.array(dateTimeArb, { minLength: 1, maxLength: 3 })),
        isNull: fc.option(fc.constant(true)),
      },
      { requiredKeys: [] },
    ),
  );
  const filterArb: fc.Arbitrary<AccountActivityFilter> = fc.record(
    {
      type: fc.option(
        fc.record(
          {
            eq: fc.option(fc.string()),
            ne: fc.option(fc.string()),
            sw: fc.option(fc.string()),
            in: fc.option(fc.array(fc.string(), { minLength: 1, maxLength: 3 })),
            isNull: fc.option(fc.constant(true)),
          },
          { requiredKeys: [] },
        ),
      ),
      created: dateOps,
      modified: dateOps,
    },
    { requiredKeys: [] },
  );

  test('any valid filter: no undefined/empty params, accepted by the demo tenant rules, values parse back', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const text = toAccountActivityFilters(filter);
        if (text === undefined) return;
        expect(text).not.toBe('');
        // Outside string literals, nothing but the grammar's own tokens may appear.
        const skeleton = text.replace(/"(?:[^"\\]|\\.)*"/g, 'S');
        expect(skeleton).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\(\)|\s\s|^\s|\s$/);
        const expr = parseFilter(text);
        checkFilter(expr, ACCOUNT_ACTIVITY_FILTER_RULES);
        const strings: string[] = [];
        const collect = (e: typeof expr): void => {
          if (e.kind === 'and' || e.kind === 'or') {
            collect(e.left);
            collect(e.right);
          } else if (e.kind === 'compare' && e.field === 'type') strings.push(e.value.value as string);
          else if (e.kind === 'in' && e.field === 'type')
            strings.push(...e.values.map((v) => v.value as string));
        };
        collect(expr);
        const t = filter.type;
        expect(strings).toEqual(
          [t?.eq, t?.ne, t?.sw, ...(t?.in ?? [])].filter((v): v is string => v !== undefined && v !== null),
        );
      }),
    );
  });
});

describe('toAccountActivitySorters', () => {
  test('maps fields with direction', () => {
    expect(
      toAccountActivitySorters([
        { field: 'MODIFIED', direction: 'DESC' },
        { field: 'TYPE' },
        { field: 'CREATED' },
      ]),
    ).toBe('-modified,type,created');
  });
});

describe('toAccountActivityQuery', () => {
  test('identity args: ids or me', () => {
    expect(toAccountActivityQuery({ requestedFor: 'me', requestedBy: '2c91808a' })).toEqual({
      requestedFor: 'me',
      requestedBy: '2c91808a',
    });
    expect(
      toAccountActivityQuery({ regardingIdentity: 'me', orderBy: [{ field: 'CREATED', direction: 'DESC' }] }),
    ).toEqual({
      regardingIdentity: 'me',
      sorters: '-created',
    });
  });

  test('regardingIdentity with either other is BAD_USER_INPUT', () => {
    expect(badInput(() => toAccountActivityQuery({ regardingIdentity: 'me', requestedFor: 'x' }))).toMatch(
      /`regardingIdentity` cannot be combined/,
    );
    expect(badInput(() => toAccountActivityQuery({ regardingIdentity: 'me', requestedBy: 'x' }))).toMatch(
      /cannot be combined/,
    );
  });

  test('explicit nulls are absent, so they do not conflict', () => {
    expect(
      toAccountActivityQuery({
        regardingIdentity: 'me',
        requestedFor: null,
        requestedBy: null,
        filter: null,
        orderBy: null,
      }),
    ).toEqual({
      regardingIdentity: 'me',
    });
  });

  test('invalid ids are BAD_USER_INPUT', () => {
    expect(badInput(() => toAccountActivityQuery({ requestedFor: '' }))).toMatch(/`requestedFor`/);
    expect(badInput(() => toAccountActivityQuery({ requestedBy: 'a b' }))).toMatch(/`requestedBy`/);
    expect(badInput(() => toAccountActivityQuery({ regardingIdentity: 'x\u0007' }))).toMatch(
      /`regardingIdentity`/,
    );
  });

  test.each(['requestedFor', 'requestedBy', 'regardingIdentity'] as const)(
    '%s: a lone surrogate or more than 128 characters is BAD_USER_INPUT naming the argument',
    (name) => {
      expect(badInput(() => toAccountActivityQuery({ [name]: '\uD800' }))).toBe(
        `\`${name}\` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint`,
      );
      expect(badInput(() => toAccountActivityQuery({ [name]: 'x'.repeat(20_000) }))).toBe(
        `\`${name}\` must be at most 128 characters long; got 20000`,
      );
    },
  );

  test('the audit cases: a 20,000-character type and 3,000 `in` values are BAD_USER_INPUT', () => {
    expect(badInput(() => toAccountActivityQuery({ filter: { type: { eq: 'x'.repeat(20_000) } } }))).toBe(
      '`filter.type.eq` must be at most 256 characters long; got 20000',
    );
    expect(badInput(() => toAccountActivityQuery({ filter: { type: { sw: 'x'.repeat(257) } } }))).toBe(
      '`filter.type.sw` must be at most 256 characters long; got 257',
    );
    expect(
      badInput(() => toAccountActivityQuery({ filter: { type: { in: Array(3000).fill('a') } } })),
    ).toMatch(/^`filter.type.in` takes at most 100 values; got 3000/);
    expect(
      badInput(() =>
        toAccountActivityQuery({ filter: { created: { in: Array(101).fill('2026-01-01T00:00:00Z') } } }),
      ),
    ).toMatch(/^`filter.created.in` takes at most 100 values; got 101/);
    expect(badInput(() => toAccountActivityFilters({ type: { in: ['ok', 'a\uDFFF'] } }))).toBe(
      '`filter.type.in[1]` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint',
    );
  });

  test('no args -> empty query, never undefined members', () => {
    const query = toAccountActivityQuery({});
    expect(query).toEqual({});
    fc.assert(
      fc.property(
        fc.record(
          {
            requestedFor: fc.option(fc.constantFrom('me', 'id1')),
            requestedBy: fc.option(fc.constantFrom('me', 'id2')),
            orderBy: fc.option(fc.constant([{ field: 'TYPE' as const }])),
          },
          { requiredKeys: [] },
        ),
        (args) => {
          for (const value of Object.values(toAccountActivityQuery(args))) {
            expect(value).toEqual(expect.any(String));
            expect(value).not.toBe('');
          }
        },
      ),
    );
  });
});
