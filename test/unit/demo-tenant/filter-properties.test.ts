import fc from 'fast-check';
import type { CompareOperator, FilterExpr, Literal } from '../../../src/demo-tenant/filter/index.js';
import {
  FilterSyntaxError,
  parseFilter,
  printFilter,
  quoteFilterString,
} from '../../../src/demo-tenant/filter/index.js';
import { formatTimestamp } from '../../../src/demo-tenant/time.js';

/** Escaping exactly as UPSTREAM.md section 6 describes it, written independently of quoteFilterString. */
const escapeByTheBook = (s: string): string => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Any UTF-16 string, lone surrogates included, weighted towards the characters that matter to the grammar. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      '\\',
      ' ',
      '(',
      ')',
      ',',
      'a',
      ' and ',
      ' or ',
      'not ',
      '\n',
      '%',
      '#',
      '&',
      '+',
    ),
  }),
  fc.array(fc.integer({ min: 0, max: 0xffff })).map((codes) => String.fromCharCode(...codes)),
);

describe('filter string escaping (properties)', () => {
  it('any string, escaped and quoted, parses back to exactly one string literal with the original value', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(parseFilter(`name eq ${escapeByTheBook(s)}`)).toEqual({
          kind: 'compare',
          field: 'name',
          op: 'eq',
          value: { type: 'string', value: s },
        });
        expect(quoteFilterString(s)).toBe(escapeByTheBook(s));
      }),
      { numRuns: 500 },
    );
  });

  it('escaped strings stay values inside lists and combined filters (no injection)', () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        expect(
          parseFilter(`type in (${escapeByTheBook(a)}, ${escapeByTheBook(b)}) and created isnull`),
        ).toEqual({
          kind: 'and',
          left: {
            kind: 'in',
            field: 'type',
            values: [
              { type: 'string', value: a },
              { type: 'string', value: b },
            ],
          },
          right: { kind: 'isnull', field: 'created' },
        });
      }),
    );
  });

  it('a token glued to an escaped string is rejected right after its closing quote, whatever the string holds', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom('and', 'or', 'x', '"y"', '5'), (s, glued) => {
        const prefix = `name eq ${escapeByTheBook(s)}`;
        let error: unknown;
        try {
          parseFilter(`${prefix}${glued} b isnull`);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(FilterSyntaxError);
        expect((error as FilterSyntaxError).position).toBe(prefix.length);
        expect((error as FilterSyntaxError).reason).toMatch(/directly follows/);
      }),
      { numRuns: 300 },
    );
  });

  it('parseFilter of any text returns an AST or throws FilterSyntaxError with a position inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          fc.string({ unit: fc.constantFrom('a', 'eq', ' ', '"', '(', ')', 'and', 'not', '1', ',', 'in') }),
        ),
        (text) => {
          try {
            parseFilter(text);
          } catch (error) {
            expect(error).toBeInstanceOf(FilterSyntaxError);
            const position = (error as FilterSyntaxError).position;
            expect(position).toBeGreaterThanOrEqual(0);
            expect(position).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

const RESERVED = new Set(['and', 'or', 'not', 'pr']);
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).filter((n) => !RESERVED.has(n));
const field = fc.oneof(
  name,
  fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
);

const datetime = fc
  .tuple(
    fc.integer({ min: 0, max: 4_102_444_800_000 }),
    fc.constantFrom(0, 3, 9) as fc.Arbitrary<0 | 3 | 9>,
    fc.integer({ min: 0, max: 999_999 }),
    fc.constantFrom('Z', '+02:00', '-05:30'),
  )
  .map(([ms, precision, sub, zone]) => formatTimestamp(ms, precision, sub).replace(/Z$/, zone));

const literal: fc.Arbitrary<Literal> = fc.oneof(
  anyString.map((value) => ({ type: 'string', value }) as const),
  datetime.map((value) => ({ type: 'datetime', value }) as const),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Object.is(n, -0))
    .map((value) => ({ type: 'number', value }) as const),
  fc.integer().map((value) => ({ type: 'number', value }) as const),
  fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
);

const compareOp = fc.constantFrom<CompareOperator>('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw');

const { expr } = fc.letrec<{ expr: FilterExpr; leaf: FilterExpr }>((tie) => ({
  leaf: fc.oneof(
    fc.record({ kind: fc.constant('compare' as const), field, op: compareOp, value: literal }),
    fc.record({
      kind: fc.constantFrom('in' as const, 'ca' as const),
      field,
      values: fc.array(literal, { minLength: 1, maxLength: 4 }),
    }),
    fc.record({ kind: fc.constantFrom('isnull' as const, 'pr' as const), field }),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('expr'),
      right: tie('expr'),
    }),
    fc.record({ kind: fc.constant('not' as const), expr: tie('expr') }),
  ),
}));

describe('filter printing (properties)', () => {
  it('parseFilter(printFilter(e)) equals e for random well-formed expressions', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(parseFilter(printFilter(e))).toEqual(e);
      }),
      { numRuns: 400 },
    );
  });

  it('printing is idempotent through a parse', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = printFilter(e);
        expect(printFilter(parseFilter(text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
