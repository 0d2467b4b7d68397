import { defineEnum } from '../core/enums.js';
import { badUserInput } from '../core/errors.js';
import type {
  WorkflowExecutionEventType,
  WorkflowExecutionFilter,
  WorkflowExecutionStatus,
  WorkflowFilter,
  WorkflowOrder,
  WorkflowOrderField,
  WorkflowTriggerType,
} from '../__generated__/resolvers-types.js';
import { dateTimeLiteral, fieldPredicates, joinAnd, quoteString } from '../pagination/list-query.js';
import type { WorkflowDto } from '../upstream/types.js';

/** SailPoint's trigger type; the spec lists the empty string, which becomes NONE. */
export const WORKFLOW_TRIGGER_TYPE = defineEnum<Exclude<WorkflowTriggerType, 'UNKNOWN'>>(
  'WorkflowTriggerType',
  {
    EVENT: 'EVENT',
    EXTERNAL: 'EXTERNAL',
    SCHEDULED: 'SCHEDULED',
    NONE: '',
  },
);

export const WORKFLOW_EXECUTION_STATUS = defineEnum<Exclude<WorkflowExecutionStatus, 'UNKNOWN'>>(
  'WorkflowExecutionStatus',
  { COMPLETED: 'Completed', FAILED: 'Failed', CANCELED: 'Canceled', RUNNING: 'Running', QUEUED: 'Queued' },
);

export const WORKFLOW_EXECUTION_EVENT_TYPE = defineEnum<Exclude<WorkflowExecutionEventType, 'UNKNOWN'>>(
  'WorkflowExecutionEventType',
  {
    WORKFLOW_EXECUTION_SCHEDULED: 'WorkflowExecutionScheduled',
    WORKFLOW_EXECUTION_STARTED: 'WorkflowExecutionStarted',
    WORKFLOW_EXECUTION_COMPLETED: 'WorkflowExecutionCompleted',
    WORKFLOW_EXECUTION_FAILED: 'WorkflowExecutionFailed',
    WORKFLOW_TASK_SCHEDULED: 'WorkflowTaskScheduled',
    WORKFLOW_TASK_STARTED: 'WorkflowTaskStarted',
    WORKFLOW_TASK_COMPLETED: 'WorkflowTaskCompleted',
    WORKFLOW_TASK_FAILED: 'WorkflowTaskFailed',
    ACTIVITY_TASK_SCHEDULED: 'ActivityTaskScheduled',
    ACTIVITY_TASK_STARTED: 'ActivityTaskStarted',
    ACTIVITY_TASK_COMPLETED: 'ActivityTaskCompleted',
    ACTIVITY_TASK_FAILED: 'ActivityTaskFailed',
    START_CHILD_WORKFLOW_EXECUTION_INITIATED: 'StartChildWorkflowExecutionInitiated',
    CHILD_WORKFLOW_EXECUTION_STARTED: 'ChildWorkflowExecutionStarted',
    CHILD_WORKFLOW_EXECUTION_COMPLETED: 'ChildWorkflowExecutionCompleted',
    CHILD_WORKFLOW_EXECUTION_FAILED: 'ChildWorkflowExecutionFailed',
  },
);

/** The filter part of an executions list call (paging comes from the planner). */
export interface ExecutionQuery {
  filters?: string;
}

/**
 * `WorkflowExecutionFilter` -> SailPoint `filters`, e.g. `status eq "Failed" and start_time ge 2026-01-01T00:00:00Z`.
 * The filter field is `start_time`: SailPoint ignores the camelCase name its response uses (UPSTREAM.md Q4).
 */
export function toExecutionQuery(filter: WorkflowExecutionFilter | null | undefined): ExecutionQuery {
  const predicates = [
    ...fieldPredicates(
      'status',
      'filter.status',
      filter?.status,
      (status: WorkflowExecutionStatus, where) => {
        if (status === 'UNKNOWN') {
          throw badUserInput(
            `\`${where}\` cannot be UNKNOWN: it stands for values SailPoint sends that this gateway does not know`,
          );
        }
        return quoteString(WORKFLOW_EXECUTION_STATUS.toUpstream[status]);
      },
    ),
    ...fieldPredicates('start_time', 'filter.startTime', filter?.startTime, (value: string, where) =>
      dateTimeLiteral(value, `\`${where}\``),
    ),
  ];
  const filters = joinAnd(predicates);
  return filters === undefined ? {} : { filters };
}

/** A workflow's trigger type as a GraphQL value: no trigger at all counts as NONE, like an empty type. */
export function workflowTriggerType(workflow: WorkflowDto): WorkflowTriggerType {
  return WORKFLOW_TRIGGER_TYPE.fromUpstream(workflow.trigger?.type ?? '');
}

/** `WorkflowFilter` without its explicit nulls: the normalised form that both filters and keys cursors. */
export interface WorkflowListFilter {
  enabled?: boolean;
  triggerType?: WorkflowTriggerType;
  ownerId?: string;
  nameContains?: string;
}

export interface WorkflowListQuery {
  filter: WorkflowListFilter;
  orderBy: { field: WorkflowOrderField; direction: 'ASC' | 'DESC' }[];
}

/**
 * Normalises the `workflows` arguments. SailPoint's v1 list has no paging, filtering or sorting (UPSTREAM.md Q7),
 * so the gateway applies this query to the full list itself (filterWorkflows, sortWorkflows).
 */
export function toWorkflowListQuery(
  filter: WorkflowFilter | null | undefined,
  orderBy: readonly WorkflowOrder[] | null | undefined,
): WorkflowListQuery {
  const normalised: WorkflowListFilter = {};
  if (filter?.enabled !== undefined && filter.enabled !== null) normalised.enabled = filter.enabled;
  if (filter?.triggerType !== undefined && filter.triggerType !== null)
    normalised.triggerType = filter.triggerType;
  if (filter?.ownerId !== undefined && filter.ownerId !== null) normalised.ownerId = filter.ownerId;
  if (filter?.nameContains !== undefined && filter.nameContains !== null)
    normalised.nameContains = filter.nameContains;
  const seen = new Set<WorkflowOrderField>();
  const order = (orderBy ?? []).map(({ field, direction }) => {
    if (seen.has(field)) throw badUserInput(`\`orderBy\` lists ${field} more than once`);
    seen.add(field);
    return { field, direction: direction === 'DESC' ? ('DESC' as const) : ('ASC' as const) };
  });
  return { filter: normalised, orderBy: order };
}

/** Keeps the workflows matching every given filter field. `nameContains` is case-insensitive. */
export function filterWorkflows(
  workflows: readonly WorkflowDto[],
  filter: WorkflowListFilter,
): WorkflowDto[] {
  const needle = filter.nameContains?.toLowerCase();
  return workflows.filter(
    (w) =>
      // SailPoint's spec defaults `enabled` to false, so an absent flag is a disabled workflow.
      (filter.enabled === undefined || (w.enabled ?? false) === filter.enabled) &&
      (filter.triggerType === undefined || workflowTriggerType(w) === filter.triggerType) &&
      (filter.ownerId === undefined || w.owner?.id === filter.ownerId) &&
      (needle === undefined || (w.name ?? '').toLowerCase().includes(needle)),
  );
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Orders RFC 3339 instants across zones and beyond milliseconds: [epoch seconds, nanoseconds]; null if unparseable. */
export function instantOf(value: string | null | undefined): [number, number] | null {
  if (!value) return null;
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(value);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return null;
  return [ms / 1000, Number((m[2] ?? '').padEnd(9, '0'))];
}

type Compare = (a: WorkflowDto, b: WorkflowDto) => number;

/** Missing values sort last in both directions: an unnamed or undated workflow is never the "top" result. */
function nullsLast<V>(
  get: (w: WorkflowDto) => V | null,
  cmp: (a: V, b: V) => number,
  desc: boolean,
): Compare {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return desc ? cmp(y, x) : cmp(x, y);
  };
}

const compareInstants = (x: [number, number], y: [number, number]): number => x[0] - y[0] || x[1] - y[1];
const compareNames = (x: string, y: string): number => collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);

/** Sorts by the given keys; stable (ties keep SailPoint's order), missing values last. */
export function sortWorkflows(
  workflows: readonly WorkflowDto[],
  orderBy: WorkflowListQuery['orderBy'],
): WorkflowDto[] {
  if (orderBy.length === 0) return [...workflows];
  const comparators = orderBy.map(({ field, direction }): Compare => {
    const desc = direction === 'DESC';
    switch (field) {
      case 'NAME':
        return nullsLast((w) => w.name ?? null, compareNames, desc);
      case 'CREATED':
        return nullsLast((w) => instantOf(w.created), compareInstants, desc);
      case 'MODIFIED':
        return nullsLast((w) => instantOf(w.modified), compareInstants, desc);
    }
  });
  return workflows
    .map((workflow, index) => ({ workflow, index }))
    .sort((a, b) => {
      for (const cmp of comparators) {
        const c = cmp(a.workflow, b.workflow);
        if (c !== 0) return c;
      }
      return a.index - b.index;
    })
    .map(({ workflow }) => workflow);
}
