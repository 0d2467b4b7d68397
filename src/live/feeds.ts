/**
 * What a live subscription watches, as data: the three feeds, the upstream reads of one poll, and the exact change
 * detection between two polls. Pure except for `pollFeed`, which only calls the client it is given.
 */
import type {
  TriggerInvocationStatusFilter,
  WorkflowExecutionFilter,
} from '../__generated__/resolvers-types.js';
import { GatewayError } from '../core/errors.js';
import { validateId } from '../core/ids.js';
import { dateTimeLiteral, joinAnd } from '../pagination/list-query.js';
import { toInvocationStatusFilters } from '../trigger-invocations/translate.js';
import type { InvocationStatusDto, UpstreamClient, WorkflowExecutionDto } from '../upstream/types.js';
import { WORKFLOW_EXECUTION_STATUS, instantOf, toExecutionQuery } from '../workflows/translate.js';

export type FeedSpec =
  | { kind: 'execution'; id: string }
  | { kind: 'executions'; workflowId: string; filter: WorkflowExecutionFilter | null }
  | { kind: 'invocations'; filter: TriggerInvocationStatusFilter | null };

export type FeedItem = WorkflowExecutionDto | InvocationStatusDto;

/** The state of one feed after a poll: every item the poll saw, by id, and when the poll started (gateway clock). */
export interface Snapshot {
  polledAt: number;
  items: Record<string, FeedItem>;
}

/** SailPoint's terminal execution statuses: no change can follow them. */
const TERMINAL = new Set(['Completed', 'Failed', 'Canceled']);
export const isTerminal = (execution: WorkflowExecutionDto): boolean => TERMINAL.has(execution.status ?? '');

/** Pages of 250 (SailPoint's maximum); more than 8 would mean more than 2,000 items changed within one poll. */
const PAGE = 250;
const MAX_PAGES = 8;
/**
 * How far back the first executions poll looks, and how far behind the last poll start later polls keep
 * looking: an execution is listed a little after it starts, and SailPoint's clock is not the gateway's.
 */
export const EXECUTION_LOOKBACK_MS = 10 * 60_000;

/**
 * The upstream query of a feed without any credential: with the caller's identity hash it is the poll key.
 * Validates the arguments first (BAD_USER_INPUT before any upstream call), as the query fields do.
 */
export function feedQuery(spec: FeedSpec): Record<string, string> {
  switch (spec.kind) {
    case 'execution':
      return { kind: spec.kind, id: validateId(spec.id, 'id') };
    case 'executions': {
      const { filters } = toExecutionQuery(spec.filter);
      return {
        kind: spec.kind,
        workflowId: validateId(spec.workflowId, 'workflowId'),
        filters: filters ?? '',
      };
    }
    case 'invocations':
      return { kind: spec.kind, filters: toInvocationStatusFilters(spec.filter) ?? '' };
  }
}

/** What changes an item's event: status and close time of an execution, completion of an invocation. */
export function fingerprint(item: FeedItem): string {
  if ('triggerId' in item) {
    const failed = item.completeInvocationInput?.localizedError ? 'failed' : '';
    return `${item.completed || ''}|${failed}`;
  }
  return `${item.status ?? ''}|${item.closeTime ?? ''}`;
}

/**
 * The events between two snapshots of a feed, exactly: an item that is new, or whose fingerprint changed. The
 * first snapshot of a list feed is the baseline (no events: only what happens after the subscription began);
 * the first snapshot of one execution is its first event ("the execution now").
 */
export function diffSnapshots(spec: FeedSpec, previous: Snapshot | undefined, next: Snapshot): FeedItem[] {
  if (previous === undefined && spec.kind !== 'execution') return [];
  const changed: FeedItem[] = [];
  for (const [id, item] of Object.entries(next.items)) {
    const before = previous?.items[id];
    if (before === undefined || fingerprint(before) !== fingerprint(item)) changed.push(item);
  }
  return spec.kind === 'executions' ? changed.filter((item) => matchesStatus(spec, item)) : changed;
}

/**
 * The status part of an executions filter is applied to events, not sent upstream: the poll must also see the
 * executions in flight to know where its time window starts, and an execution that becomes FAILED is an event
 * of a FAILED filter exactly when its status changes.
 */
function matchesStatus(spec: Extract<FeedSpec, { kind: 'executions' }>, item: FeedItem): boolean {
  const wanted = spec.filter?.status?.eq;
  if (wanted === undefined || wanted === null || wanted === 'UNKNOWN') return true;
  return (item as WorkflowExecutionDto).status === WORKFLOW_EXECUTION_STATUS.toUpstream[wanted];
}

/**
 * Start of the executions window of the next poll: nothing older than the oldest execution still in flight
 * (its completion is an event to come) or than the lookback behind the previous poll.
 */
export function executionWindowStart(previous: Snapshot | undefined, now: number): number {
  if (previous === undefined) return now - EXECUTION_LOOKBACK_MS;
  let start = previous.polledAt - EXECUTION_LOOKBACK_MS;
  for (const item of Object.values(previous.items)) {
    const execution = item as WorkflowExecutionDto;
    if (isTerminal(execution)) continue;
    const started = instantOf(execution.startTime);
    if (started !== null) start = Math.min(start, started[0] * 1000 + Math.floor(started[1] / 1e6));
  }
  return start;
}

/** One poll of a feed: fresh upstream reads (the client is built with `noCache`), as a snapshot. */
export async function pollFeed(
  spec: FeedSpec,
  client: UpstreamClient,
  previous: Snapshot | undefined,
  now: number,
): Promise<Snapshot> {
  const items: Record<string, FeedItem> = {};
  switch (spec.kind) {
    case 'execution': {
      const execution = await client.getWorkflowExecution(spec.id);
      if (execution === null) {
        throw new GatewayError('NOT_FOUND', `Workflow execution '${spec.id}' was not found`);
      }
      items[execution.id] = execution;
      break;
    }
    case 'executions': {
      // SailPoint's executions list has no sorters: a window on start_time makes the poll complete whatever order
      // it answers in. The caller's start-time filter narrows it further.
      const window = `start_time ge ${dateTimeLiteral(new Date(executionWindowStart(previous, now)).toISOString(), 'window')}`;
      const userStart = toExecutionQuery({ startTime: spec.filter?.startTime ?? null }).filters;
      const filters = joinAnd(userStart === undefined ? [window] : [window, userStart]) ?? window;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await client.listWorkflowExecutions(spec.workflowId, {
          offset: page * PAGE,
          limit: PAGE,
          filters,
        });
        for (const execution of result.items) items[execution.id] = execution;
        if (result.items.length < PAGE) break;
      }
      break;
    }
    case 'invocations': {
      // Newest first: new invocations are on the first page; read on while a page is all new to us or an
      // invocation we saw in flight has not been seen again yet (its completion is on a later page).
      const filters = toInvocationStatusFilters(spec.filter);
      const pending = new Set(
        Object.values(previous?.items ?? {})
          .filter((item) => !(item as InvocationStatusDto).completed)
          .map((item) => item.id),
      );
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await client.listTriggerInvocationStatuses({
          offset: page * PAGE,
          limit: PAGE,
          sorters: '-created',
          ...(filters !== undefined && { filters }),
        });
        for (const status of result.items) {
          items[status.id] = status;
          pending.delete(status.id);
        }
        const last = result.items[result.items.length - 1];
        const mayHaveMore = result.items.length === PAGE && previous !== undefined;
        if (!mayHaveMore || (pending.size === 0 && last !== undefined && last.id in previous.items)) break;
      }
      break;
    }
  }
  return { polledAt: now, items };
}
