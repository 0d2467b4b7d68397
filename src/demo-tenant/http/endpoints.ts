import type { FieldAccessors, FilterExpr, FilterRules } from '../filter/index.js';
import type {
  DemoAccountActivity,
  DemoData,
  DemoExecution,
  DemoInvocationStatus,
  DemoWorkflow,
} from '../data/types.js';
import type { MatchedRoute, RouteName } from './routes.js';
import type { QueryParams, SortKey } from './params.js';
import {
  ACCOUNT_ACTIVITY_FILTER_RULES,
  EXECUTION_FILTER_RULES,
  INVOCATION_STATUS_FILTER_RULES,
  matches,
} from '../filter/index.js';
import { badRequest, notFound } from './errors.js';
import { param, parseCount, parseFilterParam, parsePaging, parseSorters, sortRecords } from './params.js';

export interface EndpointResult {
  body: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  route: MatchedRoute;
  query: QueryParams;
  /** Identity of the caller's token: what `me` means. */
  identityId: string;
}

/**
 * Query parameters each operation declares (UPSTREAM.md section 3; the same in v1, v2025 and v2024). Anything else
 * is a 400: a tenant that ignored, say, `count` on executions would let a gateway ship that relies on an
 * `X-Total-Count` SailPoint never sends.
 */
const DECLARED: Readonly<Record<RouteName, readonly string[]>> = {
  listWorkflows: [],
  getWorkflow: [],
  listExecutions: ['limit', 'offset', 'filters'],
  getExecution: [],
  getExecutionHistory: ['limit', 'offset'],
  getExecutionHistoryV2: [],
  listInvocationStatuses: ['limit', 'offset', 'count', 'filters', 'sorters'],
  listAccountActivities: [
    'requested-for',
    'requested-by',
    'regarding-identity',
    'limit',
    'offset',
    'count',
    'filters',
    'sorters',
  ],
  getAccountActivity: [],
};

const EXECUTION_FIELDS: FieldAccessors<DemoExecution> = {
  start_time: { type: 'datetime', get: (e) => e.startTime },
  status: { type: 'string', get: (e) => e.status },
};

const INVOCATION_FIELDS: FieldAccessors<DemoInvocationStatus> = {
  triggerId: { type: 'string', get: (s) => s.triggerId },
  subscriptionId: { type: 'string', get: (s) => s.subscriptionId },
  subscriptionName: { type: 'string', get: (s) => s.subscriptionName },
  created: { type: 'datetime', get: (s) => s.created },
  completed: { type: 'datetime', get: (s) => s.completed },
};
const INVOCATION_SORTERS = ['triggerId', 'subscriptionName', 'created', 'completed'];

const ACTIVITY_FIELDS: FieldAccessors<DemoAccountActivity> = {
  type: { type: 'string', get: (a) => a.type },
  created: { type: 'datetime', get: (a) => a.created },
  modified: { type: 'datetime', get: (a) => a.modified },
};
const ACTIVITY_SORTERS = ['type', 'created', 'modified'];

/** Lookup tables over the dataset, built once per tenant. */
export class DataIndex {
  readonly workflows: ReadonlyMap<string, DemoWorkflow>;
  readonly executions: ReadonlyMap<string, DemoExecution>;
  readonly activities: ReadonlyMap<string, DemoAccountActivity>;

  constructor(readonly data: DemoData) {
    this.workflows = new Map(data.workflows.map((w) => [w.id, w]));
    // Archived executions are deliberately absent: SailPoint answers 404 for them.
    this.executions = new Map(data.retainedExecutions.map((e) => [e.id, e]));
    this.activities = new Map(data.accountActivities.map((a) => [a.id, a]));
  }
}

/**
 * Declared only by SailPoint's beta API (UPSTREAM.md section 3). The tenant does not simulate them, and refusing
 * them is stricter than SailPoint rather than more lenient; the message says why.
 */
const BETA_ONLY: Readonly<Partial<Record<RouteName, readonly string[]>>> = {
  listWorkflows: ['limit', 'offset', 'filters', 'sorters'],
  getWorkflow: ['workflowMetrics'],
  listAccountActivities: ['type'],
};

function rejectUndeclared(ctx: RequestContext): void {
  const declared = DECLARED[ctx.route.name];
  for (const name of Object.keys(ctx.query.values)) {
    if (declared.includes(name)) continue;
    const accepted =
      declared.length === 0 ? 'this endpoint takes no query parameters' : `supported: ${declared.join(', ')}`;
    const betaOnly = ctx.route.style === 'beta' && BETA_ONLY[ctx.route.name]?.includes(name) === true;
    throw badRequest(
      betaOnly
        ? `Query parameter '${name}' exists only in SailPoint's beta API and the demo tenant does not simulate it (${accepted})`
        : `Query parameter '${name}' is not supported by this endpoint (${accepted})`,
    );
  }
}

function filtered<T>(
  records: readonly T[],
  query: QueryParams,
  rules: FilterRules,
  fields: FieldAccessors<T>,
): readonly T[] {
  const text = param(query, 'filters');
  if (text === undefined) return records;
  const expr: FilterExpr = parseFilterParam(text, rules);
  return records.filter((r) => matches(expr, r, fields));
}

function page<T>(records: readonly T[], query: QueryParams, countable: boolean): EndpointResult {
  const { limit, offset } = parsePaging(query);
  const result: EndpointResult = { body: records.slice(offset, offset + limit) };
  if (countable && parseCount(query)) result.headers = { 'X-Total-Count': String(records.length) };
  return result;
}

function sorted<T extends { id: string }>(
  records: readonly T[],
  query: QueryParams,
  allowed: readonly string[],
  fields: FieldAccessors<T>,
): readonly T[] {
  const text = param(query, 'sorters');
  if (text === undefined) return records;
  const keys: SortKey[] = parseSorters(text, allowed);
  return sortRecords(records, keys, fields, (r) => r.id);
}

function requireId(ctx: RequestContext): string {
  if (ctx.route.id === undefined) throw new Error(`route ${ctx.route.name} has no id`);
  return ctx.route.id;
}

function execution(index: DataIndex, id: string): DemoExecution {
  const found = index.executions.get(id);
  if (!found)
    throw notFound(`Workflow execution '${id}' was not found (executions are archived after 90 days)`);
  return found;
}

/** `me` or an identity id; an empty value is a 400 rather than "no filter". */
function identityParam(ctx: RequestContext, name: string): string | undefined {
  const value = param(ctx.query, name);
  if (value === undefined) return undefined;
  if (value === '') throw badRequest(`Query parameter '${name}' must be an identity id or 'me'`);
  return value === 'me' ? ctx.identityId : value;
}

export function handleEndpoint(index: DataIndex, ctx: RequestContext): EndpointResult {
  rejectUndeclared(ctx);
  const { data } = index;
  switch (ctx.route.name) {
    case 'listWorkflows':
      // Quirk Q7: no paging or filtering on this operation; every workflow, every time.
      return { body: data.workflows };
    case 'getWorkflow': {
      const id = requireId(ctx);
      const workflow = index.workflows.get(id);
      if (!workflow) throw notFound(`Workflow '${id}' was not found`);
      return { body: workflow };
    }
    case 'listExecutions': {
      const id = requireId(ctx);
      if (!index.workflows.has(id)) throw notFound(`Workflow '${id}' was not found`);
      const list = filtered(data.executionsOf(id), ctx.query, EXECUTION_FILTER_RULES, EXECUTION_FIELDS);
      return page(list, ctx.query, false);
    }
    case 'getExecution':
      // Quirk Q1: the spec's schema is ambiguous; SailPoint sends a single object.
      return { body: execution(index, requireId(ctx)) };
    case 'getExecutionHistory': {
      const found = execution(index, requireId(ctx));
      return page(data.historyOf(found.id), ctx.query, false);
    }
    case 'getExecutionHistoryV2': {
      const found = execution(index, requireId(ctx));
      const workflow = index.workflows.get(found.workflowId);
      // Quirk Q2: the spec types `history` as a single event; it is the event list.
      return {
        body: {
          definition: workflow?.definition ?? {},
          history: data.historyOf(found.id),
          trigger: workflow?.trigger ?? null,
        },
      };
    }
    // Default orders (no sorters) are undocumented upstream: statuses newest first, activities oldest first.
    case 'listInvocationStatuses': {
      const list = filtered(
        data.retainedInvocationStatuses,
        ctx.query,
        INVOCATION_STATUS_FILTER_RULES,
        INVOCATION_FIELDS,
      );
      return page(sorted(list, ctx.query, INVOCATION_SORTERS, INVOCATION_FIELDS), ctx.query, true);
    }
    case 'listAccountActivities': {
      const requestedFor = identityParam(ctx, 'requested-for');
      const requestedBy = identityParam(ctx, 'requested-by');
      const regarding = identityParam(ctx, 'regarding-identity');
      if (regarding !== undefined && (requestedFor !== undefined || requestedBy !== undefined)) {
        throw badRequest(
          "'regarding-identity' is mutually exclusive with 'requested-for' and 'requested-by'",
        );
      }
      let list: readonly DemoAccountActivity[] = data.accountActivities;
      if (requestedFor !== undefined || requestedBy !== undefined || regarding !== undefined) {
        list = list.filter((a) => {
          const target = a.targetIdentitySummary?.identityId;
          const requester = a.requesterIdentitySummary?.identityId;
          if (regarding !== undefined) return target === regarding || requester === regarding;
          return (
            (requestedFor === undefined || target === requestedFor) &&
            (requestedBy === undefined || requester === requestedBy)
          );
        });
      }
      list = filtered(list, ctx.query, ACCOUNT_ACTIVITY_FILTER_RULES, ACTIVITY_FIELDS);
      return page(sorted(list, ctx.query, ACTIVITY_SORTERS, ACTIVITY_FIELDS), ctx.query, true);
    }
    case 'getAccountActivity': {
      const id = requireId(ctx);
      const activity = index.activities.get(id);
      if (!activity) throw notFound(`Account activity '${id}' was not found`);
      return { body: activity };
    }
  }
}
