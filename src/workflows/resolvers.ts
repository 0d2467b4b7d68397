import type {
  IdentityReferenceResolvers,
  QueryResolvers,
  WorkflowConnectionResolvers,
  WorkflowExecutionConnectionResolvers,
  WorkflowExecutionEventResolvers,
  WorkflowExecutionResolvers,
  WorkflowResolvers,
  WorkflowTriggerResolvers,
} from '../__generated__/resolvers-types.js';
import { enumOutRequired } from '../enums.js';
import { pageArgs } from '../pagination/args.js';
import { connectionFields, resolveConnection } from '../pagination/connection.js';
import { connectionKey } from '../pagination/cursor.js';
import type { WorkflowDto } from '../upstream/types.js';
import {
  WORKFLOW_EXECUTION_EVENT_TYPE,
  WORKFLOW_EXECUTION_STATUS,
  WORKFLOW_TRIGGER_TYPE,
  filterWorkflows,
  sortWorkflows,
  toExecutionQuery,
  toWorkflowListQuery,
} from './translate.js';

export const Query: QueryResolvers = {
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
  workflow: (_root, { id }, ctx) => ctx.loaders.workflowById.load(id),
  workflowExecution: (_root, { id }, ctx) => ctx.loaders.workflowExecutionById.load(id),
};

export const Workflow: WorkflowResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.workflowById.load(ref.id),
  executions: (workflow, args, ctx) => {
    const query = toExecutionQuery(args.filter);
    return resolveConnection(
      pageArgs(args),
      {
        key: connectionKey('Workflow.executions', workflow.id, query),
        // SailPoint's executions list accepts no `count` (UPSTREAM.md section 7).
        countable: false,
        uncountableMessage:
          '`last` without `before` needs the number of executions, which SailPoint cannot count; page with `first`/`after`, or pass `before`',
        fetchWindow: (window) =>
          ctx.loaders.workflowExecutionList.load({ workflowId: workflow.id, ...query, ...window }),
      },
      { maxPageSize: ctx.maxPageSize, wantTotal: false },
    );
  },
};

export const WorkflowTrigger: WorkflowTriggerResolvers = {
  // SailPoint's spec lists "" as a trigger type; it maps to NONE, as does a missing type.
  type: (trigger, _args, ctx) => enumOutRequired(WORKFLOW_TRIGGER_TYPE, trigger.type ?? '', ctx.logger),
};

export const WorkflowExecution: WorkflowExecutionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.workflowExecutionById.load(ref.id),
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
