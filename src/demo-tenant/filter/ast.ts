/** AST of SailPoint's `filters` expressions (UPSTREAM.md section 6). Part of the stable public filter API. */

/**
 * A value as written in the filter. `string` values are unescaped (`\"` became `"`); `datetime` keeps the text of
 * an unquoted RFC 3339 date-time exactly as written. A quoted date-time is a `string`: only the field it is
 * compared with decides whether it means a date-time (see rules.ts).
 */
export type Literal =
  | { type: 'string'; value: string }
  | { type: 'datetime'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean };

export type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'co' | 'sw';
export type FilterOperator = CompareOperator | 'in' | 'ca' | 'isnull' | 'pr';

export const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw'];
export const FILTER_OPERATORS: readonly FilterOperator[] = [...COMPARE_OPERATORS, 'in', 'ca', 'isnull', 'pr'];

/** `and`/`or` chains are left-associative: `a and b and c` is `and(and(a, b), c)`. */
export type FilterExpr =
  | { kind: 'compare'; field: string; op: CompareOperator; value: Literal }
  | { kind: 'in' | 'ca'; field: string; values: Literal[] }
  | { kind: 'isnull' | 'pr'; field: string }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr };
