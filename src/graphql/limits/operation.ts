/** Helpers the cost and upstream-call estimates share: which operation runs, and how large its pages are. */
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../../pagination/plan.js';

/** Page size a connection field asks for (`first`/`last`), or undefined when neither is given. */
export function itemMultiplier(args: Record<string, unknown>): number | undefined {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  if (first !== undefined || last !== undefined) {
    // Both given is a BAD_USER_INPUT at execution; price the larger so the estimate never undercounts.
    return Math.max(0, first ?? 0, last ?? 0);
  }
  return undefined;
}

export function isConnectionField(field: ComplexityEstimatorArgs['field']): boolean {
  return field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'last');
}

/** The operation of `document` that runs (the one named `operationName`, or the only one), if any. */
export function selectOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName === undefined || operationName === null
    ? operations.length === 1
      ? operations[0]
      : undefined
    : operations.find((o) => o.name?.value === operationName);
}

/** Items of one page (`first` or `last`, DEFAULT_PAGE_SIZE when neither is given). */
export function pageSizeOf(args: Record<string, unknown>): number {
  return itemMultiplier(args) ?? DEFAULT_PAGE_SIZE;
}
