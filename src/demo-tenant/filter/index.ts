/**
 * SailPoint `filters` grammar (UPSTREAM.md section 6) as a pure library: tokenizer + recursive-descent parser,
 * per-endpoint validation, an evaluator and a printer. The demo tenant uses it to be exactly as strict as
 * SailPoint; the gateway's tests import it to prove that the filters they send parse back to what they meant.
 * Files: ast.ts (the tree), parser.ts (text to tree, errors.ts for what it throws), rules.ts (which fields and
 * operators each endpoint allows), evaluate.ts (does a record match) and print.ts (tree to text).
 *
 * Stable API (other modules and tests depend on these names and shapes; change only compatibly):
 *
 *   parseFilter(text: string): FilterExpr
 *     Throws FilterSyntaxError { message, reason, position } for anything outside the grammar: uppercase
 *     keywords/operators, unquoted strings, unknown escapes (only \" and \\ exist), unbalanced parentheses,
 *     empty input, invalid date-times.
 *     Precedence `not` > `and` > `or`, parentheses override, `and`/`or` are left-associative.
 *     Example: parseFilter('status eq "Failed"')
 *       -> { kind: 'compare', field: 'status', op: 'eq', value: { type: 'string', value: 'Failed' } }
 *     Round trip the gateway relies on: for any string s,
 *       parseFilter(`f eq ${quoteFilterString(s)}`).value is { type: 'string', value: s }.
 *
 *   FilterExpr = { kind: 'compare', field, op: 'eq'|'ne'|'gt'|'ge'|'lt'|'le'|'co'|'sw', value: Literal }
 *              | { kind: 'in' | 'ca', field, values: Literal[] }
 *              | { kind: 'isnull' | 'pr', field }
 *              | { kind: 'and' | 'or', left, right }
 *              | { kind: 'not', expr }
 *   Literal    = { type: 'string', value: string }      quoted, unescaped (a quoted date-time is a string too)
 *              | { type: 'datetime', value: string }    unquoted RFC 3339 text as written, zone required
 *              | { type: 'number', value: number } | { type: 'boolean', value: boolean }
 *
 *   checkFilter(expr, rules): void      throws FilterRuleError { message, field, operator? }
 *   EXECUTION_FILTER_RULES, INVOCATION_STATUS_FILTER_RULES, ACCOUNT_ACTIVITY_FILTER_RULES
 *   matches(expr, record, accessors): boolean
 *   printFilter(expr): string           parseFilter(printFilter(e)) deep-equals e
 *   quoteFilterString(s): string        "..." with \ and " escaped
 */
export type { CompareOperator, FilterExpr, FilterOperator, Literal } from './ast.js';
export { COMPARE_OPERATORS, FILTER_OPERATORS } from './ast.js';
export { FilterRuleError, FilterSyntaxError } from './errors.js';
export { parseFilter } from './parser.js';
export { printFilter, printLiteral, quoteFilterString } from './print.js';
export type { FieldRule, FieldType, FilterRules } from './rules.js';
export {
  ACCOUNT_ACTIVITY_FILTER_RULES,
  EXECUTION_FILTER_RULES,
  INVOCATION_STATUS_FILTER_RULES,
  checkFilter,
  literalAsDatetime,
} from './rules.js';
export type { FieldAccessor, FieldAccessors, FieldValue } from './evaluate.js';
export { matches } from './evaluate.js';
