import {
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
} from 'graphql';
// Internal to graphql-js 16, but exactly how execution groups fields (response keys, @skip/@include, fragments,
// type conditions): an estimate walking the document any other way would disagree with what runs.
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import { decodeNodeId } from '../../core/node-id.js';
import { UPSTREAM_MAX_LIMIT } from '../../pagination/plan.js';
import { isConnectionField, pageSizeOf, selectOperation } from './operation.js';

/** MAX_UPSTREAM_CALLS: the most SailPoint requests one operation may be estimated to make, before any call. */

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
 * Upstream calls of one `_entities` representation or `node`/`nodes` id, by type (the types' `__resolveReference`
 * and `Query.node` use the same loaders). SailPoint has no multi-get for executions or activities: one GET each.
 */
export const ENTITY_UPSTREAM_CALLS: Readonly<Record<string, UpstreamCalls>> = {
  Workflow: { shared: 'workflowList' },
  TriggerInvocationStatus: { shared: 'triggerInvocationStatusList' },
  WorkflowExecution: { each: one },
  AccountActivity: { each: one },
  // A `resolvable: false` stub: the subgraph answers it from the representation itself.
  Identity: {},
};

const tally = (types: Iterable<string>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
};

/** Types of `_entities` representations, by count. */
function representationTypes(representations: unknown): Map<string, number> {
  if (!Array.isArray(representations)) return new Map();
  return tally(
    representations.flatMap((r: unknown) =>
      isRecord(r) && typeof r.__typename === 'string' ? [r.__typename] : [],
    ),
  );
}

/** Types of node ids, by count; an id the gateway did not issue fails at execution without a call. */
function nodeIdTypes(nodeIds: unknown): Map<string, number> {
  if (!Array.isArray(nodeIds)) return new Map();
  return tally(
    nodeIds.flatMap((nodeId: unknown) => {
      if (typeof nodeId !== 'string') return [];
      try {
        return [decodeNodeId(nodeId).type];
      } catch {
        return [];
      }
    }),
  );
}

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
        byType('_entities', representationTypes(args.representations), nodes, objects);
        continue;
      }
      if (type === schema.getQueryType() && (field.name === 'node' || field.name === 'nodes')) {
        byType(field.name, nodeIdTypes(field.name === 'node' ? [args.nodeId] : args.nodeIds), nodes, objects);
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

  /** Objects of known types (entity representations, node ids): each type priced as its entities are. */
  const byType = (
    field: string,
    types: Map<string, number>,
    nodes: readonly FieldNode[],
    objects: number,
  ): void => {
    for (const [typename, n] of types) {
      const type = schema.getType(typename);
      // Unknown types fail at execution without a call.
      if (!isObjectType(type)) continue;
      count(`${field}(${typename})`, ENTITY_UPSTREAM_CALLS[typename], {}, objects * n);
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
    ...(sources.some(([source]) => source.startsWith('nodes(')) ? ['send fewer `nodeIds` per request'] : []),
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
