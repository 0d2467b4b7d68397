/**
 * The `Subscription` fields (schema/live.graphql). `subscribe` joins the poller of the caller's key; `resolve`
 * turns each event into the field's value (or its GraphQL error), with a fresh upstream client and loaders so that
 * the event's nested fields (an execution's workflow, its history) are read as of that event.
 */
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import type { CallerCredential } from '../core/credential.js';
import type { Context } from '../graphql/context.js';
import type { FeedSpec } from './feeds.js';
import { isTerminal } from './feeds.js';
import type { LiveHub } from './hub.js';
import type { FeedEvent } from './poller.js';
import { feedStream } from './stream.js';
import type { WorkflowExecutionDto } from '../upstream/types.js';

/** What the subscription fields need beyond a query's context. */
export interface LiveScope {
  hub: LiveHub;
  credential: CallerCredential;
  /** Replaces the context's client, loaders and counters with fresh ones (a new deadline) for the next event. */
  refresh(): void;
}

export type LiveContext = Context & { live: LiveScope };

function scopeOf(ctx: Context): LiveScope {
  const live = (ctx as Partial<LiveContext>).live;
  // Only the graphql-ws transport builds a LiveContext; Apollo refuses subscriptions over HTTP before resolvers.
  if (live === undefined) throw new Error('Subscriptions are served over graphql-ws only');
  return live;
}

function stream(ctx: Context, spec: FeedSpec, isLast?: (event: FeedEvent) => boolean) {
  const live = scopeOf(ctx);
  return feedStream((listener) => live.hub.subscribe(live.credential, spec, listener), isLast);
}

function resolveEvent(event: FeedEvent, ctx: Context) {
  scopeOf(ctx).refresh();
  if ('error' in event) throw event.error;
  return event.item;
}

const terminalExecution = (event: FeedEvent): boolean =>
  'item' in event && isTerminal(event.item as WorkflowExecutionDto);

export const Subscription: SubscriptionResolvers<Context> = {
  workflowExecution: {
    subscribe: (_root, { id }, ctx) => stream(ctx, { kind: 'execution', id }, terminalExecution),
    resolve: (event: FeedEvent, _args: unknown, ctx: Context) =>
      resolveEvent(event, ctx) as WorkflowExecutionDto,
  },
  workflowExecutions: {
    subscribe: (_root, { workflowId, filter }, ctx) =>
      stream(ctx, { kind: 'executions', workflowId, filter: filter ?? null }),
    resolve: (event: FeedEvent, _args: unknown, ctx: Context) =>
      resolveEvent(event, ctx) as WorkflowExecutionDto,
  },
  triggerInvocationStatuses: {
    subscribe: (_root, { filter }, ctx) => stream(ctx, { kind: 'invocations', filter: filter ?? null }),
    resolve: (event: FeedEvent, _args: unknown, ctx: Context) =>
      resolveEvent(event, ctx) as Exclude<ReturnType<typeof resolveEvent>, WorkflowExecutionDto>,
  },
};
