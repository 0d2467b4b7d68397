import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import {
  getComplexity,
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
} from 'graphql-query-complexity';
import type { LimitsConfig } from './config.js';

/**
 * Query limits (DESIGN.md section 8). Depth and aliases are validation rules: they depend only on the document,
 * so Apollo's validated-document cache runs them once per distinct query. The cost estimate depends on
 * variables (`first: $n`), so it runs per request in `didResolveOperation`, before execution: a rejected
 * operation makes no upstream call. The token limit is graphql-js's own `maxTokens` parse option (see
 * `limitParseOptions`), which aborts the lexer while parsing instead of parsing a second time.
 */

/** Page size the resolvers use when neither `first` nor `last` is given (DESIGN.md section 4). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Extra weight of a field that costs an upstream call per parent object (it is resolved by its own REST call,
 * not from the parent's response), so fanning such a field out under a large page is priced as what it is:
 * SailPoint allows only 100 requests per 10 s.
 */
export const UPSTREAM_CALL_FIELD_COST: Readonly<Record<string, number>> = {
  'Workflow.executions': 10,
  'WorkflowExecution.history': 10,
};

/** Code of every limit rejection: the same as Apollo's own validation failures (HTTP 400). */
const LIMIT_ERROR_CODE = 'GRAPHQL_VALIDATION_FAILED';

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: LIMIT_ERROR_CODE, http: { status: 400 } } });
}

/**
 * Validation rules for depth and aliases. graphql-armor throws out of the visitor by default, which would
 * escape graphql-js's `validate` and surface as a 500; reporting through the ValidationContext instead gives
 * a normal validation error.
 */
export function limitValidationRules(
  limits: Pick<LimitsConfig, 'maxDepth' | 'maxAliases'>,
): ValidationRule[] {
  const report =
    (hint: string) =>
    (ctx: ValidationContext | null, error: GraphQLError): void => {
      // armor prefixes "Syntax Error: " although the query parsed fine.
      ctx?.reportError(limitError(`${error.message.replace(/^Syntax Error: /, '')} ${hint}`));
    };
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // Introspection (`__schema`) is deep by nature and must always pass: Sandbox and routers need it.
      ignoreIntrospection: true,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [report('Request fewer nested levels, e.g. query nested objects in a separate operation.')],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [report('Use fewer aliased fields, or page through a connection instead.')],
    }),
  ];
}

/**
 * Parse options for Apollo's one parse of each document: graphql-js counts tokens in its lexer and aborts
 * past `maxTokens` ("Document contains more that N tokens"), before any AST is built for a huge document.
 */
export function limitParseOptions(limits: Pick<LimitsConfig, 'maxTokens'>): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

/** Page size a connection field asks for (`first`/`last`), or undefined when neither is given. */
function itemMultiplier(args: Record<string, unknown>): number | undefined {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  if (first !== undefined || last !== undefined) {
    // Both given is a BAD_USER_INPUT at execution; price the larger so the estimate never undercounts.
    return Math.max(0, first ?? 0, last ?? 0);
  }
  return undefined;
}

function isConnectionField({ field }: ComplexityEstimatorArgs): boolean {
  return field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'last');
}

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
  if (isConnectionField(options)) {
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
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operationName === undefined || operationName === null
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((o) => o.name?.value === operationName);
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

/** Variable sets remembered per document; a document sent with ever-new variables keeps only the latest. */
const MAX_COSTS_PER_DOCUMENT = 64;

/**
 * estimateCost walks the whole operation with graphql-query-complexity's visitor, which is a large share of the
 * CPU a small query costs. The cost depends only on the schema, the document, the operation name and the
 * variables, and Apollo hands over the same parsed DocumentNode for a repeated query string (its document
 * cache), so the cost is remembered per document object (a WeakMap: entries go with the document) and per
 * operation name and variables. Failures are not remembered (they are rare, and rethrown each time).
 */
export class CostMemo {
  private byDocument = new WeakMap<DocumentNode, Map<string, number>>();
  private schema: GraphQLSchema | undefined;

  get(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName?: string | null,
  ): number {
    if (schema !== this.schema) {
      // Costs are per schema (the gateway has one; a reused plugin might see another): start afresh.
      this.schema = schema;
      this.byDocument = new WeakMap();
    }
    let costs = this.byDocument.get(document);
    if (costs === undefined) {
      costs = new Map();
      this.byDocument.set(document, costs);
    }
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = estimateCost(schema, document, variables, operationName);
      if (costs.size >= MAX_COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value as string);
      costs.set(key, cost);
    }
    return cost;
  }
}

/**
 * Rejects an operation whose estimated cost exceeds `maxCost` before it executes. Variable errors found
 * while scoring are left to execution, which reports them as BAD_USER_INPUT before any resolver runs.
 */
export function costLimitPlugin<TContext extends object>(maxCost: number): ApolloServerPlugin<TContext> {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContext<TContext>) {
          const { schema, document, request } = requestContext;
          if (document === undefined) return;
          let cost: number;
          try {
            cost = costs.get(schema, document, request.variables ?? {}, requestContext.operationName);
          } catch (error) {
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw limitError(`${error.message} Split the operation into smaller ones.`);
            }
            return;
          }
          if (cost > maxCost) throw limitError(costExceededMessage(cost, maxCost));
        },
      };
    },
  };
}
