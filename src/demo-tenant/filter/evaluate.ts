import type { FilterExpr, Literal } from './ast.js';
import type { FieldType } from './rules.js';
import { literalAsDatetime } from './rules.js';
import { timestampNanos } from '../time.js';

export type FieldValue = string | number | boolean | null | undefined | readonly string[];

export interface FieldAccessor<T> {
  type: FieldType;
  get(record: T): FieldValue;
}

/** Filter field name -> how to read it from a record. */
export type FieldAccessors<T> = Readonly<Record<string, FieldAccessor<T>>>;

/** Three-valued: null is SQL's UNKNOWN (a comparison involving a missing value). */
type Truth = boolean | null;

/**
 * Whether `record` satisfies `expr` (call checkFilter first). Semantics, chosen to be strict:
 * - string comparisons are exact and case-sensitive (`status eq "failed"` does not match "Failed"), ordered by
 *   UTF-16 code units; SailPoint says "mostly case-insensitive", but a gateway must send the exact casing anyway;
 * - date-times compare as instants with nanosecond precision; `sw` on a date-time field is a prefix test on the
 *   timestamp text as SailPoint sends it;
 * - a comparison with a missing (null) value is UNKNOWN, including `ne`, and `not UNKNOWN` stays UNKNOWN, as in
 *   SQL; only `isnull`/`pr` see nulls. A record matches only when the expression is true.
 */
export function matches<T>(expr: FilterExpr, record: T, accessors: FieldAccessors<T>): boolean {
  return evaluate(expr, record, accessors) === true;
}

function evaluate<T>(expr: FilterExpr, record: T, accessors: FieldAccessors<T>): Truth {
  switch (expr.kind) {
    case 'and': {
      const l = evaluate(expr.left, record, accessors);
      if (l === false) return false;
      const r = evaluate(expr.right, record, accessors);
      if (r === false) return false;
      return l === null || r === null ? null : true;
    }
    case 'or': {
      const l = evaluate(expr.left, record, accessors);
      if (l === true) return true;
      const r = evaluate(expr.right, record, accessors);
      if (r === true) return true;
      return l === null || r === null ? null : false;
    }
    case 'not': {
      const v = evaluate(expr.expr, record, accessors);
      return v === null ? null : !v;
    }
    default:
      break;
  }
  const accessor = accessors[expr.field];
  if (accessor === undefined) throw new Error(`no accessor for filter field '${expr.field}'`);
  const value = accessor.get(record);
  const missing = value === null || value === undefined;
  switch (expr.kind) {
    case 'isnull':
      return missing;
    case 'pr':
      return !missing;
    case 'in':
      if (missing) return null;
      return expr.values.some((lit) => compare(accessor.type, value, 'eq', lit) === true);
    case 'ca':
      if (missing) return null;
      if (!Array.isArray(value))
        return expr.values.every((lit) => compare(accessor.type, value, 'eq', lit) === true);
      return expr.values.every((lit) => lit.type === 'string' && value.includes(lit.value));
    case 'compare':
      if (missing) return null;
      return compare(accessor.type, value, expr.op, expr.value);
  }
}

function compare(
  type: FieldType,
  value: Exclude<FieldValue, null | undefined>,
  op: string,
  literal: Literal,
): Truth {
  if (Array.isArray(value)) return null;
  if (op === 'sw' || op === 'co') {
    if (typeof value !== 'string' || literal.type !== 'string') return false;
    return op === 'sw' ? value.startsWith(literal.value) : value.includes(literal.value);
  }
  let order: number;
  if (type === 'datetime') {
    if (typeof value !== 'string') return false;
    const wanted = literalAsDatetime(literal);
    if (wanted === null) return false;
    const actual = timestampNanos(value);
    order = actual < wanted ? -1 : actual > wanted ? 1 : 0;
  } else {
    const actual = value as string | number | boolean;
    const wanted = literal.value;
    if (typeof actual !== typeof wanted) return op === 'ne';
    order = actual < wanted ? -1 : actual > wanted ? 1 : 0;
  }
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}
