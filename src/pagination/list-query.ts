import { badUserInput } from '../core/errors.js';
import { parseDateTimeInput } from '../core/datetime.js';
import { rejectLoneSurrogate } from '../core/ids.js';

/**
 * Building blocks of SailPoint `filters` and `sorters` strings (UPSTREAM.md section 6), shared by the domain
 * translators. Everything a caller typed ends up either inside a quoted, escaped string literal or validated
 * against a closed grammar (RFC 3339 date-time), so it cannot change the structure of the expression.
 */

/**
 * Everything a caller types travels in SailPoint's query string or path, and SailPoint (like most HTTP servers)
 * answers an over-long request line with 414/431 rather than a 400 naming the argument. Real filter values (an
 * activity type, a trigger id) are a few dozen characters, so these bounds only ever stop mistakes and abuse,
 * with a message that says which argument and what the limit is.
 */
export const MAX_FILTER_STRING_LENGTH = 256;
export const MAX_IN_VALUES = 100;
/** A double-quoted filter string: `\` -> `\\`, `"` -> `\"` (the two escapes SailPoint documents). */
export function quoteString(value: string, where = 'filter value'): string {
  if (value.length > MAX_FILTER_STRING_LENGTH) {
    throw badUserInput(
      `\`${where}\` must be at most ${MAX_FILTER_STRING_LENGTH} characters long; got ${value.length}`,
    );
  }
  rejectLoneSurrogate(value, where);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A date-time filter value: validated RFC 3339 with a zone, unquoted as SailPoint's documentation writes it. */
export function dateTimeLiteral(value: string, where: string): string {
  return parseDateTimeInput(value, where);
}

/** Comparison operators of the filter inputs, in the order they are emitted. */
const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw'] as const;

/** The shape shared by the per-field filter inputs (each input declares the subset its endpoint supports). */
export interface OperatorInput<V> {
  eq?: V | null;
  ne?: V | null;
  gt?: V | null;
  ge?: V | null;
  lt?: V | null;
  le?: V | null;
  sw?: V | null;
  in?: readonly V[] | null;
  isNull?: boolean | null;
}

/**
 * The predicates of one filter field, e.g. `{ge: a, lt: b}` on `created` -> [`created ge a`, `created lt b`].
 * `where` names the argument in error messages (`filter.created`). Explicit nulls mean "not given".
 */
export function fieldPredicates<V>(
  upstreamField: string,
  where: string,
  input: OperatorInput<V> | null | undefined,
  literal: (value: V, where: string) => string,
): string[] {
  if (!input) return [];
  const out: string[] = [];
  for (const op of COMPARISONS) {
    const value = input[op];
    if (value !== undefined && value !== null)
      out.push(`${upstreamField} ${op} ${literal(value, `${where}.${op}`)}`);
  }
  if (input.in !== undefined && input.in !== null) {
    if (input.in.length === 0) throw badUserInput(`\`${where}.in\` needs at least one value`);
    if (input.in.length > MAX_IN_VALUES) {
      throw badUserInput(
        `\`${where}.in\` takes at most ${MAX_IN_VALUES} values; got ${input.in.length}. Split the query, or filter with fewer values.`,
      );
    }
    out.push(`${upstreamField} in (${input.in.map((v, i) => literal(v, `${where}.in[${i}]`)).join(',')})`);
  }
  if (input.isNull === true) out.push(`${upstreamField} isnull`);
  if (input.isNull === false) {
    throw badUserInput(
      `\`${where}.isNull: false\` is not supported: SailPoint has no "is not null" operator here`,
    );
  }
  return out;
}

/** Joins predicates with ` and `; no predicates -> undefined, so no `filters` parameter is sent at all. */
export function joinAnd(predicates: readonly string[]): string | undefined {
  return predicates.length > 0 ? predicates.join(' and ') : undefined;
}

export interface OrderInput<F extends string> {
  field: F;
  direction?: 'ASC' | 'DESC' | null;
}

/**
 * `orderBy` -> `sorters`: `[{field: CREATED, direction: DESC}, {field: TRIGGER_ID}]` -> `-created,triggerId`.
 * Empty or absent -> undefined (upstream default order). A field listed twice is BAD_USER_INPUT: only its
 * first mention could ever matter, so the second is a caller mistake.
 */
export function toUpstreamSort<F extends string>(
  orderBy: readonly OrderInput<F>[] | null | undefined,
  fields: Readonly<Record<F, string>>,
): string | undefined {
  if (!orderBy || orderBy.length === 0) return undefined;
  const seen = new Set<F>();
  return orderBy
    .map(({ field, direction }) => {
      if (seen.has(field)) throw badUserInput(`\`orderBy\` lists ${field} more than once`);
      seen.add(field);
      return `${direction === 'DESC' ? '-' : ''}${fields[field]}`;
    })
    .join(',');
}
