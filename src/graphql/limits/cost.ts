import type { DocumentNode, GraphQLSchema } from 'graphql';
import { Kind } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../../pagination/plan.js';
import { isConnectionField, itemMultiplier, selectOperation } from './operation.js';

/** MAX_COST: a cost estimate that multiplies page sizes through nesting (DESIGN.md section 8). */

/**
 * Extra weight of a field that costs an upstream call per parent object (it is resolved by its own REST call,
 * not from the parent's response), so fanning such a field out under a large page is priced as what it is:
 * SailPoint allows only 100 requests per 10 s.
 */
export const UPSTREAM_CALL_FIELD_COST: Readonly<Record<string, number>> = {
  'Workflow.executions': 10,
  'WorkflowExecution.history': 10,
};

/**
 * Cost of a field: 1 for itself plus, for a connection (a field with `first`/`last`), the cost of its selection
 * times the page size (`first` or `last`, 50 when neither is given), so nested connections multiply; a field
 * that needs its own upstream call per parent adds UPSTREAM_CALL_FIELD_COST. Introspection and `_service` are
 * free (they never reach SailPoint, and schema tools must always get through).
 */
export const connectionCostEstimator: ComplexityEstimator = (options) => {
  const { field, type, args, childComplexity } = options;
  if (field.name.startsWith('__') || field.name === '_service') return 0;
  const upstreamCall = UPSTREAM_CALL_FIELD_COST[`${type.name}.${field.name}`] ?? 0;
  if (field.name === '_entities' && Array.isArray(args.representations)) {
    return 1 + args.representations.length * childComplexity;
  }
  if (type.name === 'Query' && field.name === 'nodes' && Array.isArray(args.nodeIds)) {
    return 1 + args.nodeIds.length * childComplexity;
  }
  if (isConnectionField(options.field)) {
    const pageSize = itemMultiplier(args) ?? DEFAULT_PAGE_SIZE;
    return 1 + upstreamCall + pageSize * childComplexity;
  }
  return 1 + upstreamCall + childComplexity;
};

/** Cost of one operation of `document` (the one named `operationName`, or the only one). */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): number {
  const operation = selectOperation(document, operationName);
  if (operation === undefined) return 0;
  // graphql-query-complexity compares `operation.name.value` to operationName and crashes on anonymous
  // operations; scoring a document of just this operation (plus fragments) avoids passing a name at all.
  const scoped: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  };
  return getComplexity({ schema, query: scoped, variables, estimators: [connectionCostEstimator] });
}

export function costExceededMessage(cost: number, maxCost: number): string {
  return (
    `Query cost ${cost} exceeds the maximum of ${maxCost}: request fewer items with \`first\`/\`last\` ` +
    'or fewer nested connections.'
  );
}
