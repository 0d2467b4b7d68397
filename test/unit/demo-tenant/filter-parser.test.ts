import type { FilterExpr } from '../../../src/demo-tenant/filter/index.js';
import { FilterSyntaxError, parseFilter, printFilter } from '../../../src/demo-tenant/filter/index.js';

const str = (value: string) => ({ type: 'string', value }) as const;
const eq = (field: string, value: string): FilterExpr => ({
  kind: 'compare',
  field,
  op: 'eq',
  value: str(value),
});

function syntaxError(text: string): FilterSyntaxError {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' to be rejected`);
}

describe('parseFilter: predicates', () => {
  it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'] as const)('parses the %s operator', (op) => {
    expect(parseFilter(`name ${op} "x"`)).toEqual({ kind: 'compare', field: 'name', op, value: str('x') });
  });

  it('parses in and ca lists', () => {
    expect(parseFilter('type in ("Identity Refresh","appRequest")')).toEqual({
      kind: 'in',
      field: 'type',
      values: [str('Identity Refresh'), str('appRequest')],
    });
    expect(parseFilter('tags ca ( "a" , "b" )')).toEqual({
      kind: 'ca',
      field: 'tags',
      values: [str('a'), str('b')],
    });
    expect(parseFilter('type in("one")')).toEqual({ kind: 'in', field: 'type', values: [str('one')] });
  });

  it('parses isnull and the prefix pr', () => {
    expect(parseFilter('completionStatus isnull')).toEqual({ kind: 'isnull', field: 'completionStatus' });
    expect(parseFilter('pr accountRequestInfo')).toEqual({ kind: 'pr', field: 'accountRequestInfo' });
  });

  it('parses dotted and snake_case field names', () => {
    expect(parseFilter('identitySummary.id eq "2c9"')).toEqual(eq('identitySummary.id', '2c9'));
    expect(parseFilter('start_time ge 2026-01-01T00:00:00Z')).toEqual({
      kind: 'compare',
      field: 'start_time',
      op: 'ge',
      value: { type: 'datetime', value: '2026-01-01T00:00:00Z' },
    });
  });

  it('parses numbers, booleans and date-times', () => {
    const value = (text: string) => (parseFilter(`f eq ${text}`) as { value: unknown }).value;
    expect(value('42')).toEqual({ type: 'number', value: 42 });
    expect(value('-2.5')).toEqual({ type: 'number', value: -2.5 });
    expect(value('1e3')).toEqual({ type: 'number', value: 1000 });
    expect(value('1.5E-2')).toEqual({ type: 'number', value: 0.015 });
    expect(value('true')).toEqual({ type: 'boolean', value: true });
    expect(value('false')).toEqual({ type: 'boolean', value: false });
    expect(value('2022-02-07T20:13:29.356648026Z')).toEqual({
      type: 'datetime',
      value: '2022-02-07T20:13:29.356648026Z',
    });
    expect(value('2024-03-21T10:00:00+05:30')).toEqual({
      type: 'datetime',
      value: '2024-03-21T10:00:00+05:30',
    });
    expect(value('2024-03-21T10:00:00.1-08:00')).toEqual({
      type: 'datetime',
      value: '2024-03-21T10:00:00.1-08:00',
    });
  });

  it('keeps a quoted date-time a string (the field decides what it means)', () => {
    expect(parseFilter('start_time gt "2024-03-21T00:00:00"')).toEqual({
      kind: 'compare',
      field: 'start_time',
      op: 'gt',
      value: str('2024-03-21T00:00:00'),
    });
  });

  it('accepts any whitespace between tokens and none around punctuation', () => {
    expect(parseFilter('\ta eq "1"\n and\r\n b eq "2" ')).toEqual({
      kind: 'and',
      left: eq('a', '1'),
      right: eq('b', '2'),
    });
    expect(parseFilter('(a eq "1")or(b eq "2")')).toEqual({
      kind: 'or',
      left: eq('a', '1'),
      right: eq('b', '2'),
    });
    expect(parseFilter('not(a in ("1","2"))and b eq 3')).toEqual({
      kind: 'and',
      left: { kind: 'not', expr: { kind: 'in', field: 'a', values: [str('1'), str('2')] } },
      right: { kind: 'compare', field: 'b', op: 'eq', value: { type: 'number', value: 3 } },
    });
  });
});

describe('parseFilter: tokens need a separator', () => {
  it.each([
    ['status eq "Failed"and start_time gt 2026-01-01T00:00:00Z', 18, `'and' directly follows '"Failed"'`],
    ['a eq "x"or b eq "y"', 8, `'or' directly follows '"x"'`],
    ['name eq"x"', 7, `'"x"' directly follows 'eq'`],
    ['name"x" eq "y"', 4, `'"x"' directly follows 'name'`],
    ['a eq "1""2"', 8, `'"2"' directly follows '"1"'`],
    ['a in ("x""y")', 9, `'"y"' directly follows '"x"'`],
    ['a eq 5"x"', 6, `'"x"' directly follows '5'`],
    ['a eq 2026-01-01T00:00:00Z"x"', 25, `'"x"' directly follows '2026-01-01T00:00:00Z'`],
    ['a eq true"x"', 9, `'"x"' directly follows 'true'`],
    ['a isnull"x"', 8, `'"x"' directly follows 'isnull'`],
    ['not"x"', 3, `'"x"' directly follows 'not'`],
  ])('rejects %j at position %d', (text, position, message) => {
    const e = syntaxError(text);
    expect(e.position).toBe(position);
    expect(e.message).toBe(
      `Invalid filter at position ${position}: ${message}: separate them with whitespace (only parentheses and commas need none)`,
    );
  });

  it('reads a literal glued to a word as one invalid word, not as two tokens', () => {
    expect(syntaxError('a eq 5and b isnull').reason).toMatch(/^invalid value '5and'/);
    expect(syntaxError('a eq 2026-01-01T00:00:00Zand b isnull').reason).toMatch(/not a valid RFC 3339/);
  });
});

describe('parseFilter: strings and escaping', () => {
  it('unescapes \\" and \\\\', () => {
    expect(parseFilter('name eq "\\"Employees\\""')).toEqual(eq('name', '"Employees"'));
    expect(parseFilter('name eq "C:\\\\temp\\\\"')).toEqual(eq('name', 'C:\\temp\\'));
    expect(parseFilter('name eq "\\\\\\""')).toEqual(eq('name', '\\"'));
  });

  it('keeps keywords, operators, parentheses and URL-special characters inside strings literal', () => {
    expect(parseFilter('name eq "x\\" or name ne \\"y"')).toEqual(eq('name', 'x" or name ne "y'));
    expect(parseFilter('name eq "(a, b) and not c"')).toEqual(eq('name', '(a, b) and not c'));
    expect(parseFilter('name eq "#%&+ ?=é😀\n"')).toEqual(eq('name', '#%&+ ?=é😀\n'));
    expect(parseFilter('name eq ""')).toEqual(eq('name', ''));
  });

  it('rejects unknown escapes, naming their position', () => {
    const e = syntaxError('name eq "a\\nb"');
    expect(e.position).toBe(10);
    expect(e.message).toBe(
      'Invalid filter at position 10: invalid escape \\n in a string (only \\" and \\\\ are allowed)',
    );
    expect(syntaxError('name eq "\\\'"').reason).toMatch(/invalid escape/);
  });

  it('rejects unterminated strings and dangling escapes', () => {
    expect(syntaxError('name eq "abc').position).toBe(8);
    expect(syntaxError('name eq "abc').reason).toMatch(/unterminated string/);
    expect(syntaxError('name eq "abc\\').reason).toMatch(/unterminated escape/);
  });
});

describe('parseFilter: precedence and grouping', () => {
  it('binds and tighter than or', () => {
    expect(parseFilter('a eq "1" or b eq "2" and c eq "3"')).toEqual({
      kind: 'or',
      left: eq('a', '1'),
      right: { kind: 'and', left: eq('b', '2'), right: eq('c', '3') },
    });
    expect(parseFilter('a eq "1" and b eq "2" or c eq "3"')).toEqual({
      kind: 'or',
      left: { kind: 'and', left: eq('a', '1'), right: eq('b', '2') },
      right: eq('c', '3'),
    });
  });

  it('binds not tighter than and', () => {
    expect(parseFilter('not a eq "1" and b eq "2"')).toEqual({
      kind: 'and',
      left: { kind: 'not', expr: eq('a', '1') },
      right: eq('b', '2'),
    });
    expect(parseFilter('not not a eq "1"')).toEqual({
      kind: 'not',
      expr: { kind: 'not', expr: eq('a', '1') },
    });
  });

  it('lets parentheses override precedence', () => {
    expect(parseFilter('(a eq "1" or b eq "2") and c eq "3"')).toEqual({
      kind: 'and',
      left: { kind: 'or', left: eq('a', '1'), right: eq('b', '2') },
      right: eq('c', '3'),
    });
    expect(parseFilter('not (type eq "Certification") and created gt 2026-01-01T00:00:00Z')).toEqual({
      kind: 'and',
      left: { kind: 'not', expr: eq('type', 'Certification') },
      right: {
        kind: 'compare',
        field: 'created',
        op: 'gt',
        value: { type: 'datetime', value: '2026-01-01T00:00:00Z' },
      },
    });
    expect(parseFilter('((((a eq "1"))))')).toEqual(eq('a', '1'));
  });

  it('is left-associative', () => {
    expect(parseFilter('a eq "1" and b eq "2" and c eq "3"')).toEqual({
      kind: 'and',
      left: { kind: 'and', left: eq('a', '1'), right: eq('b', '2') },
      right: eq('c', '3'),
    });
    expect(parseFilter('a eq "1" or b eq "2" or c eq "3"')).toEqual({
      kind: 'or',
      left: { kind: 'or', left: eq('a', '1'), right: eq('b', '2') },
      right: eq('c', '3'),
    });
  });

  it('prints with only the parentheses that matter', () => {
    const text = 'a eq "1" and (b eq "2" or not (c eq "3" and d isnull))';
    expect(printFilter(parseFilter(text))).toBe(text);
    expect(printFilter(parseFilter('(a eq "1" and b eq "2") and c eq "3"'))).toBe(
      'a eq "1" and b eq "2" and c eq "3"',
    );
    expect(printFilter(parseFilter('a eq "1" and (b eq "2" and c eq "3")'))).toBe(
      'a eq "1" and (b eq "2" and c eq "3")',
    );
    expect(printFilter(parseFilter('not pr x'))).toBe('not pr x');
  });
});

describe('parseFilter: rejections', () => {
  it.each([
    [
      'status EQ "Failed"',
      7,
      /after field 'status', found 'EQ' \(operators and keywords are lowercase: 'eq'\)/,
    ],
    ['a eq "1" AND b eq "2"', 9, /expected 'and', 'or' or the end of the filter, found 'AND' \(.*'and'\)/],
    ['NOT a eq "1"', 4, /after field 'NOT', found 'a' \('NOT' is not a keyword: keywords are lowercase\)/],
    ['status eq Failed', 10, /invalid value 'Failed' \(strings must be double-quoted/],
    ["status eq 'Failed'", 10, /invalid value ''Failed''/],
    ['', 0, /the filter is empty/],
    ['   ', 0, /the filter is empty/],
    ['(a eq "1"', 9, /expected '\)' to close the '\(' at position 0, found the end of the filter/],
    ['a eq "1")', 8, /expected 'and', 'or' or the end of the filter, found '\)'/],
    ['a in ()', 6, /expected a value, found '\)'/],
    ['a in "x"', 5, /expected '\(' after 'in'/],
    ['a in ("x" "y")', 10, /expected ',' or '\)' in the 'in' list/],
    ['a eq', 4, /expected a value, found the end of the filter/],
    ['a', 1, /expected an operator .* found the end of the filter/],
    ['a eq "1" and', 12, /expected a field name, found the end of the filter/],
    ['and eq "x"', 0, /expected a field name, found 'and'/],
    ['a eq "1" or or b eq "2"', 12, /expected a field name, found 'or'/],
    ['pr', 2, /expected a field name/],
    ['a isnull "x"', 9, /expected 'and', 'or'/],
    ['a eq 2024-02-30T00:00:00Z', 5, /not a valid RFC 3339 date-time/],
    ['a eq 2024-03-21T00:00:00', 5, /a zone is required/],
    ['a eq 2024-03-21', 5, /invalid value/],
    ['a eq 1.', 5, /invalid value '1\.'/],
    ['a eq TRUE', 5, /invalid value 'TRUE'/],
    ['a eq null', 5, /invalid value 'null'/],
    ['1a eq "x"', 0, /expected a field name, found '1a'/],
    ['a ~ "x"', 2, /expected an operator/],
    ['a eq "x",', 8, /expected 'and', 'or'/],
  ])('rejects %j at position %d', (text, position, message) => {
    const e = syntaxError(text);
    expect(e.position).toBe(position);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`Invalid filter at position ${position}: `)).toBe(true);
  });

  it('refuses pathological nesting instead of overflowing the stack', () => {
    expect(syntaxError(`${'('.repeat(100)}a eq "1"${')'.repeat(100)}`).reason).toMatch(
      /nested deeper than 64/,
    );
    expect(syntaxError(`${'not '.repeat(100)}a eq "1"`).reason).toMatch(/nested deeper/);
    expect(() => parseFilter(`${'('.repeat(60)}a eq "1"${')'.repeat(60)}`)).not.toThrow();
  });

  it('throws FilterSyntaxError with a name and a reason', () => {
    const e = syntaxError('x');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('FilterSyntaxError');
    expect(e.reason).toMatch(/expected an operator/);
  });
});
