/**
 * The trigger-invocations domain (schema/trigger-invocations.graphql): resolvers that match the SDL, the pure
 * args-to-REST translation in translate.ts, and the per-request DataLoaders in loaders.ts.
 */
import type {
  QueryResolvers,
  TriggerInvocationStatusConnectionResolvers,
  TriggerInvocationStatusResolvers,
} from '../__generated__/resolvers-types.js';
import { referenceId } from '../core/entities.js';
import type { ResolverContext } from '../core/resolver-context.js';
import { encodeNodeId } from '../core/node-id.js';
import { enumOutRequired } from '../core/enums.js';
import { pageArgs } from '../pagination/args.js';
import { connectionFields, resolveConnection } from '../pagination/connection.js';
import { connectionKey } from '../pagination/cursor.js';
import { selectsField } from '../pagination/selection.js';
import type { TriggerInvocationLoaders } from './loaders.js';
import { TRIGGER_INVOCATION_TYPE, toInvocationStatusQuery } from './translate.js';

/** What this domain reads from the request: its own loaders (the GraphQL layer adds the other domains'). */
type Context = ResolverContext<TriggerInvocationLoaders>;

export const Query: QueryResolvers<Context> = {
  triggerInvocationStatuses: (_root, args, ctx, info) => {
    const query = toInvocationStatusQuery(args.filter, args.orderBy);
    return resolveConnection(
      pageArgs(args),
      {
        key: connectionKey('Query.triggerInvocationStatuses', null, query),
        countable: true,
        fetchWindow: (window, count) =>
          ctx.loaders.triggerInvocationStatusList.load({
            ...query,
            ...window,
            ...(count && { count: true }),
          }),
      },
      { maxPageSize: ctx.maxPageSize, wantTotal: selectsField(info, 'totalCount') },
    );
  },
};

export const TriggerInvocationStatus: TriggerInvocationStatusResolvers<Context> = {
  nodeId: (status) => encodeNodeId('TriggerInvocationStatus', status.id),
  __resolveReference: async (ref, ctx) =>
    ctx.loaders.triggerInvocationStatusById.load(referenceId('TriggerInvocationStatus', ref)),
  type: (status, _args, ctx) => enumOutRequired(TRIGGER_INVOCATION_TYPE, status.type, ctx.logger),
  // SailPoint leaves `completed` empty (not only null) while an invocation is in flight.
  completed: (status) => status.completed || null,
  inFlight: (status) => !status.completed,
  failed: (status) => Boolean(status.completeInvocationInput?.localizedError),
};

export const TriggerInvocationStatusConnection: TriggerInvocationStatusConnectionResolvers = connectionFields;
