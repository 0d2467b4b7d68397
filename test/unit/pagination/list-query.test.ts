import fc from 'fast-check';
import { parseFilter } from '../../../src/demo-tenant/filter/index.js';
import { badInput } from './assertions.js';
import {
  dateTimeLiteral,
  fieldPredicates,
  joinAnd,
  MAX_FILTER_STRING_LENGTH,
  MAX_IN_VALUES,
  quoteString,
  toUpstreamSort,
} from '../../../src/pagination/list-query.js';
import { idError, MAX_ID_LENGTH, validateId } from '../../../src/core/ids.js';

/** A tiny independent unescaper of one quoted literal: the second opinion next to the demo tenant's parser. */
function referenceUnquote(text: string): string {
  expect(text.startsWith('"') && text.endsWith('"')).toBe(true);
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i] as string;
    if (c === '"') throw new Error(`unescaped quote at ${i}`);
    if (c === '\\') {
      const next = text[++i];
      if (next !== '\\' && next !== '"') throw new Error(`bad escape at ${i}`);
      out += next;
    } else out += c;
  }
  return out;
}

describe('quoteString', () => {
  test.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\temp', '"C:\\\\temp"'],
    ['\\"', '"\\\\\\""'],
    ['', '""'],
  ])('%j -> %s', (input, expected) => {
    expect(quoteString(input)).toBe(expected);
  });

  test('an injection attempt stays one string literal', () => {
    const evil = 'x" or type ne "y';
    expect(parseFilter(`type eq ${quoteString(evil)}`)).toEqual({
      kind: 'compare',
      field: 'type',
      op: 'eq',
      value: { type: 'string', value: evil },
    });
  });

  test('any string parses back, through the demo tenant parser, as one literal with the original value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(parseFilter(`type eq ${quoteString(value)}`)).toEqual({
          kind: 'compare',
          field: 'type',
          op: 'eq',
          value: { type: 'string', value },
        });
        expect(referenceUnquote(quoteString(value))).toBe(value);
      }),
      { numRuns: 300 },
    );
  });

  test('strings made of quotes, backslashes and keywords parse back (the risky alphabet)', () => {
    const risky = fc.string({
      unit: fc.constantFrom('"', '\\', ' ', 'a', 'n', 'd', 'o', 'r', '(', ')', ','),
    });
    fc.assert(
      fc.property(fc.array(risky, { minLength: 1, maxLength: 4 }), (values) => {
        const parsed = parseFilter(`type in (${values.map((v) => quoteString(v)).join(',')})`);
        expect(parsed).toEqual({
          kind: 'in',
          field: 'type',
          values: values.map((value) => ({ type: 'string', value })),
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('dateTimeLiteral', () => {
  test('keeps nanoseconds and offsets, upper-cases t/z', () => {
    expect(dateTimeLiteral('2026-01-01T00:00:00.123456789Z', 'x')).toBe('2026-01-01T00:00:00.123456789Z');
    expect(dateTimeLiteral('2026-01-01t00:00:00+05:30', 'x')).toBe('2026-01-01T00:00:00+05:30');
    expect(dateTimeLiteral('2026-01-01T00:00:00z', 'x')).toBe('2026-01-01T00:00:00Z');
  });

  test.each([
    '2026-01-01',
    '2026-01-01T00:00:00',
    '2026-01-01 00:00:00Z',
    '2026-02-30T00:00:00Z',
    'now',
    '2026-01-01T00:00:00Z or x',
  ])('rejects %j', (value) => {
    expect(badInput(() => dateTimeLiteral(value, '`filter.created.ge`'))).toMatch(
      /`filter.created.ge` must be an RFC 3339/,
    );
  });
});

describe('fieldPredicates', () => {
  const q = (v: string): string => quoteString(v);

  test('emits given operators in a fixed order and skips explicit nulls', () => {
    expect(
      fieldPredicates('type', 'filter.type', { sw: 'app', eq: 'x', ne: null, in: null, isNull: null }, q),
    ).toEqual(['type eq "x"', 'type sw "app"']);
  });

  test('in -> parenthesised list; empty list is BAD_USER_INPUT', () => {
    expect(fieldPredicates('type', 'filter.type', { in: ['a', 'b c'] }, q)).toEqual(['type in ("a","b c")']);
    expect(badInput(() => fieldPredicates('type', 'filter.type', { in: [] }, q))).toBe(
      '`filter.type.in` needs at least one value',
    );
  });

  test('isNull: true -> isnull; isNull: false is BAD_USER_INPUT', () => {
    expect(fieldPredicates('type', 'filter.type', { isNull: true }, q)).toEqual(['type isnull']);
    expect(badInput(() => fieldPredicates('type', 'filter.type', { isNull: false }, q))).toMatch(
      /isNull: false/,
    );
  });

  test('no input or no operators -> no predicates', () => {
    expect(fieldPredicates('type', 'filter.type', undefined, q)).toEqual([]);
    expect(fieldPredicates('type', 'filter.type', null, q)).toEqual([]);
    expect(fieldPredicates('type', 'filter.type', {}, q)).toEqual([]);
  });

  test('joinAnd: none -> undefined, never an empty string', () => {
    expect(joinAnd([])).toBeUndefined();
    expect(joinAnd(['a eq "1"', 'b eq "2"'])).toBe('a eq "1" and b eq "2"');
  });
});

describe('toUpstreamSort', () => {
  const fields = { CREATED: 'created', TRIGGER_ID: 'triggerId' } as const;

  test('direction prefix, first key primary, ASC by default', () => {
    expect(toUpstreamSort([{ field: 'CREATED', direction: 'DESC' }, { field: 'TRIGGER_ID' }], fields)).toBe(
      '-created,triggerId',
    );
    expect(toUpstreamSort([{ field: 'TRIGGER_ID', direction: 'ASC' }], fields)).toBe('triggerId');
  });

  test('empty or absent -> undefined', () => {
    expect(toUpstreamSort([], fields)).toBeUndefined();
    expect(toUpstreamSort(null, fields)).toBeUndefined();
  });

  test('a field twice is BAD_USER_INPUT', () => {
    expect(
      badInput(() => toUpstreamSort([{ field: 'CREATED' }, { field: 'CREATED', direction: 'DESC' }], fields)),
    ).toMatch(/CREATED more than once/);
  });
});

describe('validateId', () => {
  test.each(['me', '2c9180835d2e5168015d32f890ca1581', 'idn:access-request', 'ünïcode'])(
    'accepts %j',
    (id) => {
      expect(validateId(id, 'requestedFor')).toBe(id);
    },
  );

  test.each(['', ' ', 'a b', 'a\nb', 'a\u0000b', '\t'])('rejects %j', (id) => {
    expect(badInput(() => validateId(id, 'requestedFor'))).toBe(
      '`requestedFor` must be a non-empty id without whitespace or control characters',
    );
  });

  test('accepts 128 characters; longer is rejected naming the argument and the limit', () => {
    expect(validateId('x'.repeat(MAX_ID_LENGTH), 'id')).toHaveLength(128);
    expect(badInput(() => validateId('x'.repeat(129), 'requestedFor'))).toBe(
      '`requestedFor` must be at most 128 characters long; got 129',
    );
    expect(badInput(() => validateId('x'.repeat(20_000), 'id'))).toBe(
      '`id` must be at most 128 characters long; got 20000',
    );
  });

  // The audit's case: `requestedFor: "\uD800"` reached SailPoint as `requested-for=%EF%BF%BD` (U+FFFD).
  test.each(['\uD800', 'a\uDC00', '\uDBFF\uDBFF', '2c91\uD83D'])('rejects the lone surrogate in %j', (id) => {
    expect(badInput(() => validateId(id, 'requestedFor'))).toBe(
      '`requestedFor` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint',
    );
  });

  test('keeps a surrogate pair (one astral character)', () => {
    expect(validateId('id-🙂', 'requestedFor')).toBe('id-🙂');
  });

  test('property: any string is returned unchanged or rejected as BAD_USER_INPUT; accepted ones are valid UTF-16', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', maxLength: 300 })),
        (id) => {
          let accepted: string;
          try {
            accepted = validateId(id, 'id');
          } catch {
            badInput(() => validateId(id, 'id'));
            return;
          }
          expect(accepted).toBe(id);
          expect(id.length).toBeGreaterThan(0);
          expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
          expect(id).not.toMatch(/\p{Cs}/u);
          expect(id).not.toMatch(/\s/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('idError', () => {
  test('the error validateId would throw, as a value; undefined for a valid id', () => {
    expect(idError('w1')).toBeUndefined();
    expect(idError('a b')?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(idError('x'.repeat(129))?.message).toBe('`id` must be at most 128 characters long; got 129');
  });
});

describe('length limits of filter values', () => {
  test('a string value of 256 characters is sent; longer is rejected naming the argument and the limit', () => {
    expect(quoteString('x'.repeat(MAX_FILTER_STRING_LENGTH), 'filter.type.eq')).toHaveLength(258);
    expect(badInput(() => quoteString('x'.repeat(20_000), 'filter.type.eq'))).toBe(
      '`filter.type.eq` must be at most 256 characters long; got 20000',
    );
  });

  test('the limit counts what the caller typed, not the escaped form', () => {
    expect(quoteString('"'.repeat(256), 'filter.type.eq')).toHaveLength(2 + 512);
  });

  test('`in` takes at most 100 values, and each is checked with its index', () => {
    const q = (v: string, where: string): string => quoteString(v, where);
    expect(fieldPredicates('type', 'filter.type', { in: Array(MAX_IN_VALUES).fill('a') }, q)).toHaveLength(1);
    expect(badInput(() => fieldPredicates('type', 'filter.type', { in: Array(3000).fill('a') }, q))).toBe(
      '`filter.type.in` takes at most 100 values; got 3000. Split the query, or filter with fewer values.',
    );
    expect(badInput(() => fieldPredicates('type', 'filter.type', { in: ['a', 'x'.repeat(257)] }, q))).toBe(
      '`filter.type.in[1]` must be at most 256 characters long; got 257',
    );
  });
});

describe('quoteString and unpaired surrogates', () => {
  test('rejects a lone surrogate (it would reach SailPoint as U+FFFD) and names the field', () => {
    expect(() => quoteString('a\ud800b', 'filter.type')).toThrow(/filter\.type.*unpaired UTF-16 surrogate/);
    try {
      quoteString('\udc00', 'filter.type');
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect.assertions(2);
  });

  test('keeps well-formed astral characters (a surrogate pair) as they are', () => {
    expect(quoteString('🙂 "x"')).toBe('"🙂 \\"x\\""');
  });
});
