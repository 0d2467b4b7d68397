import type { CompareOperator, FilterExpr, Literal } from './ast.js';
import { COMPARE_OPERATORS } from './ast.js';
import { FilterSyntaxError } from './errors.js';
import { parseTimestamp } from '../time.js';

type TokenKind = 'lparen' | 'rparen' | 'comma' | 'string' | 'word' | 'eof';

interface Token {
  kind: TokenKind;
  /** Source text (for strings: with quotes and escapes). */
  text: string;
  /** Unescaped content of a string token. */
  value: string;
  pos: number;
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const WORD_STOP = new Set([...WHITESPACE, '(', ')', ',', '"']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Shape of an unquoted date-time; parseTimestamp then checks that the calendar values are real. */
const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}T/;
const RESERVED = new Set(['and', 'or', 'not', 'pr']);
const LIST_OPERATORS = new Set(['in', 'ca']);
/** Deeper nesting is refused instead of risking the stack on hostile input. */
const MAX_DEPTH = 64;

/**
 * A string or word glued to the string or word before it (`"Failed"and`, `eq"x"`) is refused: UPSTREAM.md section 6
 * says whitespace separates tokens, so splitting them here would accept filters SailPoint may refuse. Parentheses
 * and commas separate too.
 */
function pushSeparated(tokens: Token[], token: Token): void {
  const previous = tokens.at(-1);
  if (
    previous !== undefined &&
    (previous.kind === 'string' || previous.kind === 'word') &&
    previous.pos + previous.text.length === token.pos
  ) {
    throw new FilterSyntaxError(
      `'${token.text}' directly follows '${previous.text}': separate them with whitespace (only parentheses and commas need none)`,
      token.pos,
    );
  }
  tokens.push(token);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, value: c, pos: i });
      i++;
      continue;
    }
    if (c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError('unterminated string (missing closing ")', start);
        const d = text[i] as string;
        if (d === '"') break;
        if (d === '\\') {
          const e = text[i + 1];
          if (e === '"' || e === '\\') {
            value += e;
            i += 2;
            continue;
          }
          throw new FilterSyntaxError(
            e === undefined
              ? 'unterminated escape at the end of the filter'
              : `invalid escape \\${e} in a string (only \\" and \\\\ are allowed)`,
            i,
          );
        }
        value += d;
        i++;
      }
      i++;
      pushSeparated(tokens, { kind: 'string', text: text.slice(start, i), value, pos: start });
      continue;
    }
    const start = i;
    while (i < text.length && !WORD_STOP.has(text[i] as string)) i++;
    const word = text.slice(start, i);
    pushSeparated(tokens, { kind: 'word', text: word, value: word, pos: start });
  }
  tokens.push({ kind: 'eof', text: '', value: '', pos: text.length });
  return tokens;
}

function describe(token: Token): string {
  return token.kind === 'eof' ? 'the end of the filter' : `'${token.text}'`;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private take(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.index++;
    return t;
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'word' && t.text === word;
  }

  parseFilter(): FilterExpr {
    if (this.peek().kind === 'eof') throw new FilterSyntaxError('the filter is empty', 0);
    const expr = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      throw new FilterSyntaxError(
        `expected 'and', 'or' or the end of the filter, found ${describe(rest)}${caseHint(rest, ['and', 'or'])}`,
        rest.pos,
      );
    }
    return expr;
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    const t = this.peek();
    if (++this.depth > MAX_DEPTH)
      throw new FilterSyntaxError(`nested deeper than ${MAX_DEPTH} levels`, t.pos);
    try {
      if (this.isWord('not')) {
        this.take();
        return { kind: 'not', expr: this.parseUnary() };
      }
      if (t.kind === 'lparen') {
        this.take();
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== 'rparen') {
          throw new FilterSyntaxError(
            `expected ')' to close the '(' at position ${t.pos}, found ${describe(close)}`,
            close.pos,
          );
        }
        this.take();
        return inner;
      }
      if (this.isWord('pr')) {
        this.take();
        return { kind: 'pr', field: this.parseField() };
      }
      return this.parsePredicate();
    } finally {
      this.depth--;
    }
  }

  private parseField(): string {
    const t = this.take();
    if (t.kind !== 'word' || !IDENTIFIER.test(t.text) || RESERVED.has(t.text)) {
      throw new FilterSyntaxError(
        `expected a field name, found ${describe(t)}${caseHint(t, ['not', 'pr'])}`,
        t.pos,
      );
    }
    return t.text;
  }

  private parsePredicate(): FilterExpr {
    const field = this.parseField();
    const opToken = this.take();
    const op = opToken.text;
    if (opToken.kind === 'word' && op === 'isnull') return { kind: 'isnull', field };
    if (opToken.kind === 'word' && LIST_OPERATORS.has(op)) {
      return { kind: op as 'in' | 'ca', field, values: this.parseList(op) };
    }
    if (opToken.kind === 'word' && (COMPARE_OPERATORS as readonly string[]).includes(op)) {
      return { kind: 'compare', field, op: op as CompareOperator, value: this.parseValue() };
    }
    const keywordHint = RESERVED.has(field.toLowerCase())
      ? ` ('${field}' is not a keyword: keywords are lowercase)`
      : '';
    throw new FilterSyntaxError(
      `expected an operator (eq, ne, gt, ge, lt, le, co, sw, in, ca, isnull) after field '${field}', found ${describe(opToken)}` +
        (caseHint(opToken, [...COMPARE_OPERATORS, 'in', 'ca', 'isnull']) || keywordHint),
      opToken.pos,
    );
  }

  private parseList(op: string): Literal[] {
    const open = this.take();
    if (open.kind !== 'lparen') {
      throw new FilterSyntaxError(`expected '(' after '${op}', found ${describe(open)}`, open.pos);
    }
    const values = [this.parseValue()];
    for (;;) {
      const t = this.take();
      if (t.kind === 'rparen') return values;
      if (t.kind !== 'comma') {
        throw new FilterSyntaxError(`expected ',' or ')' in the '${op}' list, found ${describe(t)}`, t.pos);
      }
      values.push(this.parseValue());
    }
  }

  private parseValue(): Literal {
    const t = this.take();
    if (t.kind === 'string') return { type: 'string', value: t.value };
    if (t.kind === 'word') {
      if (t.text === 'true' || t.text === 'false') return { type: 'boolean', value: t.text === 'true' };
      if (DATETIME_SHAPE.test(t.text)) {
        if (parseTimestamp(t.text) === null) {
          throw new FilterSyntaxError(
            `'${t.text}' is not a valid RFC 3339 date-time (e.g. 2026-01-01T00:00:00Z; a zone is required)`,
            t.pos,
          );
        }
        return { type: 'datetime', value: t.text };
      }
      if (NUMBER.test(t.text)) {
        const n = Number(t.text);
        if (Number.isFinite(n)) return { type: 'number', value: n };
      }
      throw new FilterSyntaxError(
        `invalid value '${t.text}' (strings must be double-quoted; values are strings, numbers, true, false or date-times)`,
        t.pos,
      );
    }
    throw new FilterSyntaxError(`expected a value, found ${describe(t)}`, t.pos);
  }
}

/** Tells the caller why e.g. `EQ` or `AND` failed: SailPoint keywords are lowercase only. */
function caseHint(token: Token, keywords: readonly string[]): string {
  if (token.kind !== 'word') return '';
  const lower = token.text.toLowerCase();
  return lower !== token.text && keywords.includes(lower)
    ? ` (operators and keywords are lowercase: '${lower}')`
    : '';
}

/**
 * Parses a SailPoint `filters` expression. Throws FilterSyntaxError (with `position`) for anything outside the
 * grammar of UPSTREAM.md section 6. Precedence: `not` > `and` > `or`; parentheses override.
 */
export function parseFilter(text: string): FilterExpr {
  return new Parser(tokenize(text)).parseFilter();
}
