import type { FilterExpr, Literal } from './ast.js';

/** Quotes a string the way SailPoint expects: backslash and double quote escaped, nothing else. */
export function quoteFilterString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function printLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return quoteFilterString(literal.value);
    case 'datetime':
      return literal.value;
    case 'number':
      return String(literal.value);
    case 'boolean':
      return literal.value ? 'true' : 'false';
  }
}

const PRECEDENCE: Record<FilterExpr['kind'], number> = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  in: 4,
  ca: 4,
  isnull: 4,
  pr: 4,
};

/**
 * Prints an AST as filter text that parses back to the same AST: parentheses only where precedence or the
 * left-associativity of `and`/`or` needs them.
 */
export function printFilter(expr: FilterExpr): string {
  switch (expr.kind) {
    case 'compare':
      return `${expr.field} ${expr.op} ${printLiteral(expr.value)}`;
    case 'in':
    case 'ca':
      return `${expr.field} ${expr.kind} (${expr.values.map(printLiteral).join(', ')})`;
    case 'isnull':
      return `${expr.field} isnull`;
    case 'pr':
      return `pr ${expr.field}`;
    case 'not':
      return `not ${wrap(expr.expr, PRECEDENCE.not, false)}`;
    case 'and':
    case 'or': {
      const p = PRECEDENCE[expr.kind];
      return `${wrap(expr.left, p, false)} ${expr.kind} ${wrap(expr.right, p, true)}`;
    }
  }
}

function wrap(child: FilterExpr, parent: number, rightOperand: boolean): string {
  const p = PRECEDENCE[child.kind];
  const needs = rightOperand ? p <= parent : p < parent;
  const text = printFilter(child);
  return needs ? `(${text})` : text;
}
