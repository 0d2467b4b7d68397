import type { FilterExpr, FilterOperator, Literal } from './ast.js';
import { FilterRuleError } from './errors.js';
import { parseTimestamp } from '../time.js';

/** How a field's values compare: `datetime` fields compare temporally, `string` fields ordinally. */
export type FieldType = 'string' | 'datetime';

export interface FieldRule {
  type: FieldType;
  operators: readonly FilterOperator[];
}

/** Field name (as written in the filter) -> what the endpoint accepts for it. */
export type FilterRules = Readonly<Record<string, FieldRule>>;

/** GET /workflows/v1/{id}/executions. Note the snake_case `start_time` (quirk Q4); `startTime` is rejected. */
export const EXECUTION_FILTER_RULES: FilterRules = {
  start_time: { type: 'datetime', operators: ['eq', 'lt', 'le', 'gt', 'ge'] },
  status: { type: 'string', operators: ['eq'] },
};

/** GET /trigger-invocations/v1/status */
export const INVOCATION_STATUS_FILTER_RULES: FilterRules = {
  triggerId: { type: 'string', operators: ['eq'] },
  subscriptionId: { type: 'string', operators: ['eq'] },
};

/** GET /account-activities/v1 */
export const ACCOUNT_ACTIVITY_FILTER_RULES: FilterRules = {
  type: { type: 'string', operators: ['eq', 'in', 'ge', 'le', 'lt', 'ne', 'isnull', 'sw'] },
  created: { type: 'datetime', operators: ['gt', 'lt', 'ge', 'le', 'eq', 'in', 'ne', 'isnull', 'sw'] },
  modified: { type: 'datetime', operators: ['gt', 'lt', 'ge', 'le', 'eq', 'in', 'ne', 'isnull', 'sw'] },
};

/**
 * The date-time a literal stands for when compared with a date-time field: an unquoted date-time, or a quoted
 * string holding one (api-specs#67 reports quoted values, even without a zone, working). Null otherwise.
 */
export function literalAsDatetime(literal: Literal): bigint | null {
  if (literal.type === 'datetime') return parseTimestamp(literal.value);
  if (literal.type === 'string') return parseTimestamp(literal.value, true);
  return null;
}

function describeLiteral(literal: Literal): string {
  return literal.type === 'string' ? `string "${literal.value}"` : `${literal.type} ${String(literal.value)}`;
}

function checkValue(field: string, rule: FieldRule, op: FilterOperator, literal: Literal): void {
  if (rule.type === 'string' || op === 'sw' || op === 'co') {
    if (literal.type !== 'string') {
      throw new FilterRuleError(
        `Field '${field}' with operator '${op}' needs a double-quoted string value, got ${describeLiteral(literal)}`,
        field,
        op,
      );
    }
    return;
  }
  if (literalAsDatetime(literal) === null) {
    throw new FilterRuleError(
      `Field '${field}' needs a date-time value (e.g. 2026-01-01T00:00:00Z), got ${describeLiteral(literal)}`,
      field,
      op,
    );
  }
}

/**
 * Throws FilterRuleError naming the first field, operator or value the endpoint does not support. `not` and
 * parentheses are always accepted (whether SailPoint accepts them per endpoint is unverified).
 */
export function checkFilter(expr: FilterExpr, rules: FilterRules): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      checkFilter(expr.left, rules);
      checkFilter(expr.right, rules);
      return;
    case 'not':
      checkFilter(expr.expr, rules);
      return;
    default:
      break;
  }
  const field = expr.field;
  const rule = rules[field];
  if (rule === undefined) {
    const known = Object.keys(rules);
    throw new FilterRuleError(
      `Field '${field}' is not supported for filtering on this endpoint` +
        (known.length > 0 ? ` (supported: ${known.join(', ')})` : ''),
      field,
    );
  }
  const op: FilterOperator = expr.kind === 'compare' ? expr.op : expr.kind;
  if (!rule.operators.includes(op)) {
    throw new FilterRuleError(
      `Operator '${op}' is not supported for field '${field}' (supported: ${rule.operators.join(', ')})`,
      field,
      op,
    );
  }
  if (expr.kind === 'compare') checkValue(field, rule, op, expr.value);
  if (expr.kind === 'in' || expr.kind === 'ca') for (const v of expr.values) checkValue(field, rule, op, v);
}
