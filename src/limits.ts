import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
// Internal to graphql-js 16, but exactly how execution groups fields (response keys, @skip/@include, fragments,
// type conditions): an estimate walking the document any other way would disagree with what runs.
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import {
  getComplexity,
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
} from 'graphql-query-complexity';
import type { LimitsConfig } from './config.js';
import { DEFAULT_PAGE_SIZE, UPSTREAM_MAX_LIMIT } from './pagination/plan.js';

/**
 * Query limits (DESIGN.md section 8). Depth and aliases are validation rules: they depend only on the document,
 * so Apollo's validated-document cache runs them once per distinct query. The cost estimate depends on
 * variables (`first: $n`), so it runs per request in `didResolveOperation`, before execution: a rejected
 * operation makes no upstream call. The token limit is graphql-js's own `maxTokens` parse option (see
 * `limitParseOptions`), which aborts the lexer while parsing instead of parsing a second time.
 */

export { DEFAULT_PAGE_SIZE };

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

function isConnectionField(field: ComplexityEstimatorArgs['field']): boolean {
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
  if (isConnectionField(options.field)) {
    const pageSize = itemMultiplier(args) ?? DEFAULT_PAGE_SIZE;
    return 1 + upstreamCall + pageSize * childComplexity;
  }
  return 1 + upstreamCall + childComplexity;
};

/** The operation of `document` that runs (the one named `operationName`, or the only one), if any. */
function selectOperation(
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

/**
 * SailPoint returns at most 2,000 trigger invocation statuses (UPSTREAM.md section 3), so reading all of them
 * (what `TriggerInvocationStatus` entities need, as there is no by-id endpoint) takes up to 8 windows of 250.
 */
const MAX_TRIGGER_INVOCATION_STATUSES = 2000;

/** Upstream reads that a per-request memo answers for the whole operation, however often they are needed. */
type SharedRead = 'workflowList' | 'triggerInvocationStatusList';

const SHARED_READ_CALLS: Readonly<Record<SharedRead, number>> = {
  // SailPoint's workflow list has no paging (UPSTREAM.md Q7): one call, which answers every workflow by id.
  workflowList: 1,
  triggerInvocationStatusList: Math.ceil(MAX_TRIGGER_INVOCATION_STATUSES / UPSTREAM_MAX_LIMIT),
};

/** What resolving a field (or an entity representation) asks of SailPoint. */
export interface UpstreamCalls {
  /** Calls for each parent object (each representation, for an entity). */
  each?: (args: Record<string, unknown>) => number;
  /** A read shared by the whole operation: counted once, however many objects need it. */
  shared?: SharedRead;
}

/** Items of one page (`first` or `last`, DEFAULT_PAGE_SIZE when neither is given). */
function pageSizeOf(args: Record<string, unknown>): number {
  return itemMultiplier(args) ?? DEFAULT_PAGE_SIZE;
}

/**
 * Calls one page of a SailPoint list takes (see resolveConnection): the page plus one lookahead item in windows
 * of at most 250, so `first: 250` is 2 calls; `last` without `before` first makes a counted call to find the end.
 */
export function pageCalls(args: Record<string, unknown>): number {
  const size = pageSizeOf(args);
  const fromEnd = typeof args.last === 'number' && (args.before === undefined || args.before === null);
  return fromEnd ? 1 + Math.ceil(size / UPSTREAM_MAX_LIMIT) : Math.ceil((size + 1) / UPSTREAM_MAX_LIMIT);
}

const one = (): number => 1;

/**
 * Upstream calls of every field that makes any, by schema coordinate; every other field is answered from its
 * parent's response. A unit test checks that no list field can reach one of these except through a connection
 * or `_entities`, whose sizes the estimate knows.
 */
export const FIELD_UPSTREAM_CALLS: Readonly<Record<string, UpstreamCalls>> = {
  'Query.workflows': { shared: 'workflowList' },
  'Query.workflow': { shared: 'workflowList' },
  'Query.workflowExecution': { each: one },
  'Query.triggerInvocationStatuses': { each: pageCalls },
  'Query.accountActivities': { each: pageCalls },
  'Query.accountActivity': { each: one },
  'Workflow.executions': { each: pageCalls },
  // One call per 250 events of each execution (read page after page); one is assumed, as histories that long
  // are rare and the count of events is unknown before the call.
  'WorkflowExecution.history': { each: one },
  // Batched through the workflow list, which every other workflow field shares.
  'WorkflowExecution.workflow': { shared: 'workflowList' },
};

/**
 * Upstream calls of one `_entities` representation, by type (the types' `__resolveReference`). SailPoint has no
 * multi-get for executions or activities: one GET each.
 */
export const ENTITY_UPSTREAM_CALLS: Readonly<Record<string, UpstreamCalls>> = {
  Workflow: { shared: 'workflowList' },
  TriggerInvocationStatus: { shared: 'triggerInvocationStatusList' },
  WorkflowExecution: { each: one },
  AccountActivity: { each: one },
  // A `resolvable: false` stub: the subgraph answers it from the representation itself.
  Identity: {},
};

/** The most upstream requests an operation can make, before any cache or memo saves some. */
export interface UpstreamCallEstimate {
  total: number;
  /** The same by where they come from (`WorkflowExecution.history`, `_entities(WorkflowExecution)`). */
  bySource: Record<string, number>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Walks the operation as graphql-js will execute it (fields grouped by response key with graphql-js's own
 * `collectFields`, so @skip/@include, fragments and type conditions count as they will run), carrying how many
 * objects each selection applies to: a connection's `nodes`/`edges` are `first`/`last` items per connection,
 * `_entities` is the representations of each type. Variables are coerced as execution will; invalid ones give
 * an empty estimate, as execution then rejects the operation with BAD_USER_INPUT before any resolver runs.
 */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): UpstreamCallEstimate {
  const estimate: UpstreamCallEstimate = { total: 0, bySource: {} };
  const operation = selectOperation(document, operationName);
  const root = operation === undefined ? undefined : schema.getRootType(operation.operation);
  if (operation === undefined || root === undefined || root === null) return estimate;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors !== undefined) return estimate;
  const vars = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const sharedReads = new Set<SharedRead>();

  const count = (
    source: string,
    calls: UpstreamCalls | undefined,
    args: Record<string, unknown>,
    n: number,
  ) => {
    if (calls === undefined) return;
    let made = calls.each !== undefined ? n * calls.each(args) : 0;
    if (calls.shared !== undefined && n > 0 && !sharedReads.has(calls.shared)) {
      sharedReads.add(calls.shared);
      made += SHARED_READ_CALLS[calls.shared];
    }
    if (made === 0) return;
    estimate.total += made;
    estimate.bySource[source] = (estimate.bySource[source] ?? 0) + made;
  };

  const walk = (
    type: GraphQLObjectType,
    fields: Map<string, readonly FieldNode[]>,
    objects: number,
    listSize: number | undefined,
  ): void => {
    for (const nodes of fields.values()) {
      const node = nodes[0];
      if (node === undefined || node.name.value.startsWith('__') || node.name.value === '_service') continue;
      const field = type.getFields()[node.name.value];
      if (field === undefined) continue;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, node, vars);
      } catch {
        // Execution reports the invalid argument on this field, which then calls nothing.
        continue;
      }
      if (type === schema.getQueryType() && field.name === '_entities') {
        entities(args, nodes, objects);
        continue;
      }
      const coordinate = `${type.name}.${field.name}`;
      count(coordinate, FIELD_UPSTREAM_CALLS[coordinate], args, objects);
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      // Only a connection's lists have a known size; other lists hold nothing that calls SailPoint (unit-tested).
      const items = isListType(getNullableType(field.type)) ? objects * (listSize ?? 1) : objects;
      const childListSize = isConnectionField(field) ? pageSizeOf(args) : undefined;
      const runtimeTypes = isObjectType(named) ? [named] : schema.getPossibleTypes(named);
      for (const runtime of runtimeTypes) {
        walk(runtime, collectSubfields(schema, fragments, vars, runtime, nodes), items, childListSize);
      }
    }
  };

  const entities = (args: Record<string, unknown>, nodes: readonly FieldNode[], objects: number): void => {
    if (!Array.isArray(args.representations)) return;
    const byType = new Map<string, number>();
    for (const representation of args.representations) {
      const typename = isRecord(representation) ? representation.__typename : undefined;
      if (typeof typename === 'string') byType.set(typename, (byType.get(typename) ?? 0) + 1);
    }
    for (const [typename, n] of byType) {
      const type = schema.getType(typename);
      // Unknown types fail at execution without a call.
      if (!isObjectType(type)) continue;
      count(`_entities(${typename})`, ENTITY_UPSTREAM_CALLS[typename], {}, objects * n);
      walk(type, collectSubfields(schema, fragments, vars, type, nodes), objects * n, undefined);
    }
  };

  walk(root, collectFields(schema, fragments, vars, root, operation.selectionSet), 1, undefined);
  return estimate;
}

/** Per-item fields named in the advice of a rejection: the usual way an operation multiplies its calls. */
const PER_ITEM_FIELDS = ['Workflow.executions', 'WorkflowExecution.history'];

export function upstreamCallsExceededMessage(
  estimate: UpstreamCallEstimate,
  maxUpstreamCalls: number,
): string {
  const sources = Object.entries(estimate.bySource).sort((a, b) => b[1] - a[1]);
  const top = sources[0];
  const perItem = PER_ITEM_FIELDS.filter((f) => f in estimate.bySource);
  const advice = [
    'ask for fewer items with `first`/`last`',
    ...(sources.some(([source]) => source.startsWith('_entities('))
      ? ['send fewer `_entities` representations per request']
      : []),
    ...(perItem.length > 0
      ? [
          `drop per-item fields (${perItem.map((f) => `\`${f}\``).join(', ')}) and fetch them in a separate ` +
            'operation for the items you show',
        ]
      : []),
  ];
  const last = advice.pop() as string;
  return (
    `This operation could make up to ${estimate.total} requests to SailPoint, more than the limit of ` +
    `${maxUpstreamCalls} per operation (MAX_UPSTREAM_CALLS; SailPoint allows 100 requests per 10 s, ` +
    `shared with other callers)${top !== undefined ? `; the most, ${top[1]}, for \`${top[0]}\`` : ''}. To fit, ` +
    `${advice.length > 0 ? `${advice.join(', ')} or ${last}` : last}.`
  );
}

/** What the limits plugin checks of one operation. */
export interface OperationEstimate {
  cost: number;
  upstreamCalls: UpstreamCallEstimate;
}

/** Variable sets remembered per document; a document sent with ever-new variables keeps only the latest. */
const MAX_ESTIMATES_PER_DOCUMENT = 64;

/**
 * estimateCost walks the whole operation with graphql-query-complexity's visitor, which is a large share of the
 * CPU a small query costs, and estimateUpstreamCalls walks it again. Both depend only on the schema, the
 * document, the operation name and the variables, and Apollo hands over the same parsed DocumentNode for a
 * repeated query string (its document cache), so the estimates are remembered per document object (a WeakMap:
 * entries go with the document) and per operation name and variables. Failures are not remembered (they are
 * rare, and rethrown each time).
 */
export class CostMemo {
  private byDocument = new WeakMap<DocumentNode, Map<string, OperationEstimate>>();
  private schema: GraphQLSchema | undefined;

  get(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName?: string | null,
  ): OperationEstimate {
    if (schema !== this.schema) {
      // Estimates are per schema (the gateway has one; a reused plugin might see another): start afresh.
      this.schema = schema;
      this.byDocument = new WeakMap();
    }
    let estimates = this.byDocument.get(document);
    if (estimates === undefined) {
      estimates = new Map();
      this.byDocument.set(document, estimates);
    }
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let estimate = estimates.get(key);
    if (estimate === undefined) {
      estimate = {
        // First: its node limit bounds the work estimateUpstreamCalls does on a huge expansion.
        cost: estimateCost(schema, document, variables, operationName),
        upstreamCalls: estimateUpstreamCalls(schema, document, variables, operationName),
      };
      if (estimates.size >= MAX_ESTIMATES_PER_DOCUMENT)
        estimates.delete(estimates.keys().next().value as string);
      estimates.set(key, estimate);
    }
    return estimate;
  }
}

/**
 * Rejects an operation whose estimated cost exceeds `maxCost`, or that could make more than `maxUpstreamCalls`
 * upstream requests, before it executes: a rejected operation makes no upstream call. Variable errors found
 * while scoring are left to execution, which reports them as BAD_USER_INPUT before any resolver runs.
 */
export function costLimitPlugin<TContext extends object>(
  limits: Pick<LimitsConfig, 'maxCost' | 'maxUpstreamCalls'>,
): ApolloServerPlugin<TContext> {
  const estimates = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContext<TContext>) {
          const { schema, document, request } = requestContext;
          if (document === undefined) return;
          let estimate: OperationEstimate;
          try {
            estimate = estimates.get(schema, document, request.variables ?? {}, requestContext.operationName);
          } catch (error) {
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw limitError(`${error.message} Split the operation into smaller ones.`);
            }
            return;
          }
          if (estimate.cost > limits.maxCost)
            throw limitError(costExceededMessage(estimate.cost, limits.maxCost));
          if (estimate.upstreamCalls.total > limits.maxUpstreamCalls) {
            throw limitError(upstreamCallsExceededMessage(estimate.upstreamCalls, limits.maxUpstreamCalls));
          }
        },
      };
    },
  };
}

const TOKEN_LIMIT_MESSAGE =
  /^Syntax Error: Document contains more (?:that|than) (\d+) tokens\. Parsing aborted\.$/;

/**
 * A clear message for graphql-js's token limit (`maxTokens`), whose own ("Document contains more that N
 * tokens", typo included) names neither the setting nor a way out; undefined for any other message.
 */
export function tokenLimitMessage(message: string): string | undefined {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  if (match === null) return undefined;
  return (
    `The query has more than ${match[1]} tokens (names, punctuation and values), the most this gateway parses ` +
    '(MAX_TOKENS). Send a smaller document: fewer fields or aliases, fragments for repeated selections, ' +
    'variables for long values, or several operations.'
  );
}
