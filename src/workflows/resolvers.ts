/**
 * The workflows domain (schema/workflows.graphql): resolvers that match the SDL one to one, the pure
 * args-to-REST translation in translate.ts, and the per-request DataLoaders in loaders.ts.
 */
import { getArgumentValues, isObjectType, type GraphQLResolveInfo } from 'graphql';
import type {
  IdentityReferenceResolvers,
  QueryResolvers,
  WorkflowConnectionResolvers,
  WorkflowExecutionConnectionResolvers,
  WorkflowExecutionEventResolvers,
  WorkflowExecutionResolvers,
  WorkflowResolvers,
  WorkflowTriggerResolvers,
  WorkflowExecutionsArgs,
} from '../__generated__/resolvers-types.js';
import { referenceId } from '../core/entities.js';
import type { ResolverContext } from '../core/resolver-context.js';
import { encodeNodeId } from '../core/node-id.js';
import { enumOutRequired } from '../core/enums.js';
import { pageArgs } from '../pagination/args.js';
import { connectionFields, resolveConnection } from '../pagination/connection.js';
import { connectionKey } from '../pagination/cursor.js';
import { selectedFields } from '../pagination/selection.js';
import type { WorkflowDto } from '../upstream/types.js';
import type { WorkflowLoaders } from './loaders.js';
import {
  WORKFLOW_EXECUTION_EVENT_TYPE,
  WORKFLOW_EXECUTION_STATUS,
  WORKFLOW_TRIGGER_TYPE,
  filterWorkflows,
  sortWorkflows,
  toExecutionQuery,
  toWorkflowListQuery,
} from './translate.js';

/** What this domain reads from the request: its own loaders (the GraphQL layer adds the other domains'). */
type Context = ResolverContext<WorkflowLoaders>;

export const Query: QueryResolvers<Context> = {
  workflows: (_root, args, ctx) => {
    const query = toWorkflowListQuery(args.filter, args.orderBy);
    let matching: Promise<WorkflowDto[]> | undefined;
    // SailPoint's v1 list has no paging or filtering (UPSTREAM.md Q7): one memoised list call, then the filter,
    // order and page are applied here. The total is free, so it is always known.
    const list = (): Promise<WorkflowDto[]> =>
      (matching ??= ctx.loaders
        .workflowList()
        .then((all) => sortWorkflows(filterWorkflows(all, query.filter), query.orderBy)));
    return resolveConnection(
      pageArgs(args),
      {
        key: connectionKey('Query.workflows', null, query),
        countable: true,
        fetchWindow: async ({ offset, limit }) => {
          const items = await list();
          return { items: items.slice(offset, offset + limit), totalCount: items.length };
        },
      },
      { maxPageSize: ctx.maxPageSize, wantTotal: true },
    );
  },
  // Through the list loader rather than GET /workflows/{id}: any number of workflows in one operation cost one call.
  workflow: (_root, { id }, ctx, info) => {
    const workflow = ctx.loaders.workflowById.load(id);
    prefetchExecutions(id, info, ctx);
    return workflow;
  },
  workflowExecution: (_root, { id }, ctx) => ctx.loaders.workflowExecutionById.load(id),
};

export const Workflow: WorkflowResolvers<Context> = {
  nodeId: (workflow) => encodeNodeId('Workflow', workflow.id),
  __resolveReference: async (ref, ctx) => ctx.loaders.workflowById.load(referenceId('Workflow', ref)),
  executions: (workflow, args, ctx) => executionsConnection(workflow.id, args, ctx),
};

/** `Workflow.executions`; also started early by prefetchExecutions, so both go through the same loader keys. */
function executionsConnection(workflowId: string, args: Partial<WorkflowExecutionsArgs>, ctx: Context) {
  const query = toExecutionQuery(args.filter);
  return resolveConnection(
    pageArgs(args),
    {
      key: connectionKey('Workflow.executions', workflowId, query),
      // SailPoint's executions list accepts no `count` (UPSTREAM.md section 7).
      countable: false,
      uncountableMessage:
        '`last` without `before` needs the number of executions, which SailPoint cannot count; page with `first`/`after`, or pass `before`',
      fetchWindow: (window) => ctx.loaders.workflowExecutionList.load({ workflowId, ...query, ...window }),
    },
    { maxPageSize: ctx.maxPageSize, wantTotal: false },
  );
}

/**
 * Lookahead for `workflow(id) { executions(...) }`. Resolved field by field, the executions page would be
 * requested only once the workflow list (which answers `workflow(id)`) has arrived: two upstream round trips
 * one after the other, where a REST client would send both at once. So when the selection contains
 * `executions` (under any alias, through fragments, honouring @skip/@include), this starts each page now, with
 * the arguments graphql-js will pass (`getArgumentValues` with the request's variables), through the very
 * `executionsConnection` the child resolver calls: the request loader memoises the calls by query, so the child
 * finds them in flight and the operation still costs one list call plus one call per executions page.
 *
 * Costs: when the workflow does not exist, the executions call was made for nothing (the field is still null).
 * Arguments the child resolver will reject (a bad cursor, `last` without `before`) reject here too, before any
 * call; those errors are swallowed here and reported by the child resolver, which computes them again.
 */
function prefetchExecutions(workflowId: string, info: GraphQLResolveInfo, ctx: Context): void {
  const nodes = selectedFields(info, 'executions');
  if (nodes.length === 0) return;
  const type = info.schema.getType('Workflow');
  const definition = isObjectType(type) ? type.getFields()['executions'] : undefined;
  if (definition === undefined) return;
  for (const node of nodes) {
    try {
      const args = getArgumentValues(definition, node, info.variableValues) as WorkflowExecutionsArgs;
      // A rejection is reported by the child resolver, which awaits the same memoised loader promises.
      executionsConnection(workflowId, args, ctx).catch(() => undefined);
    } catch {
      // Invalid arguments (the executor reports them on the field itself).
    }
  }
}

export const WorkflowTrigger: WorkflowTriggerResolvers = {
  // SailPoint's spec lists "" as a trigger type; it maps to NONE, as does a missing type.
  type: (trigger, _args, ctx) => enumOutRequired(WORKFLOW_TRIGGER_TYPE, trigger.type ?? '', ctx.logger),
};

export const WorkflowExecution: WorkflowExecutionResolvers<Context> = {
  nodeId: (execution) => encodeNodeId('WorkflowExecution', execution.id),
  __resolveReference: async (ref, ctx) =>
    ctx.loaders.workflowExecutionById.load(referenceId('WorkflowExecution', ref)),
  // Running executions have been seen as "Executing", outside the spec's enum (UPSTREAM.md Q3): UNKNOWN, logged once.
  status: (execution, _args, ctx) => enumOutRequired(WORKFLOW_EXECUTION_STATUS, execution.status, ctx.logger),
  workflow: (execution, _args, ctx) =>
    execution.workflowId ? ctx.loaders.workflowById.load(execution.workflowId) : null,
  history: (execution, _args, ctx) => ctx.loaders.workflowExecutionHistory.load(execution.id),
};

export const WorkflowExecutionEvent: WorkflowExecutionEventResolvers = {
  type: (event, _args, ctx) => enumOutRequired(WORKFLOW_EXECUTION_EVENT_TYPE, event.type, ctx.logger),
};

export const IdentityReference: IdentityReferenceResolvers = {
  // Only a reference to an identity can become the federated Identity entity; SailPoint usually sends IDENTITY.
  identity: (ref) =>
    ref.id && (ref.type === null || ref.type === undefined || ref.type.toUpperCase() === 'IDENTITY')
      ? { id: ref.id }
      : null,
};

export const WorkflowConnection: WorkflowConnectionResolvers = connectionFields;

export const WorkflowExecutionConnection: WorkflowExecutionConnectionResolvers = {
  nodes: connectionFields.nodes,
};
