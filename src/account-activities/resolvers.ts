/**
 * The account-activities domain (schema/account-activities.graphql): resolvers that match the SDL, the pure
 * args-to-REST translation in translate.ts, and the per-request DataLoaders in loaders.ts.
 */
import type {
  AccountActivityConnectionResolvers,
  AccountActivityItemResolvers,
  AccountActivityResolvers,
  IdentitySummaryResolvers,
  QueryResolvers,
} from '../__generated__/resolvers-types.js';
import { referenceId } from '../core/entities.js';
import type { ResolverContext } from '../core/resolver-context.js';
import { encodeNodeId } from '../core/node-id.js';
import { enumOut } from '../core/enums.js';
import { pageArgs } from '../pagination/args.js';
import { connectionFields, resolveConnection } from '../pagination/connection.js';
import { connectionKey } from '../pagination/cursor.js';
import { selectsField } from '../pagination/selection.js';
import {
  ACCOUNT_ACTIVITY_APPROVAL_STATUS,
  ACCOUNT_ACTIVITY_COMPLETION_STATUS,
  ACCOUNT_ACTIVITY_EXECUTION_STATUS,
  ACCOUNT_ACTIVITY_ITEM_OPERATION,
  PROVISIONING_STATUS,
  REQUESTABLE_OBJECT_TYPE,
  toAccountActivityQuery,
} from './translate.js';
import type { AccountActivityLoaders } from './loaders.js';

/** What this domain reads from the request: its own loaders (the GraphQL layer adds the other domains'). */
type Context = ResolverContext<AccountActivityLoaders>;

export const Query: QueryResolvers<Context> = {
  accountActivities: (_root, args, ctx, info) => {
    const query = toAccountActivityQuery(args);
    return resolveConnection(
      pageArgs(args),
      {
        key: connectionKey('Query.accountActivities', null, query),
        countable: true,
        fetchWindow: (window, count) =>
          ctx.loaders.accountActivityList.load({ ...query, ...window, ...(count && { count: true }) }),
      },
      { maxPageSize: ctx.maxPageSize, wantTotal: selectsField(info, 'totalCount') },
    );
  },
  accountActivity: (_root, { id }, ctx) => ctx.loaders.accountActivityById.load(id),
};

export const AccountActivity: AccountActivityResolvers<Context> = {
  nodeId: (activity) => encodeNodeId('AccountActivity', activity.id),
  __resolveReference: async (ref, ctx) =>
    ctx.loaders.accountActivityById.load(referenceId('AccountActivity', ref)),
  completionStatus: (activity, _args, ctx) =>
    enumOut(ACCOUNT_ACTIVITY_COMPLETION_STATUS, activity.completionStatus, ctx.logger),
  executionStatus: (activity, _args, ctx) =>
    enumOut(ACCOUNT_ACTIVITY_EXECUTION_STATUS, activity.executionStatus, ctx.logger),
  requester: (activity) => activity.requesterIdentitySummary ?? null,
  target: (activity) => activity.targetIdentitySummary ?? null,
  // SailPoint omits empty lists; the schema promises lists.
  errors: (activity) => activity.errors ?? [],
  warnings: (activity) => activity.warnings ?? [],
  items: (activity) => activity.items ?? [],
};

export const AccountActivityItem: AccountActivityItemResolvers = {
  approvalStatus: (item, _args, ctx) =>
    enumOut(ACCOUNT_ACTIVITY_APPROVAL_STATUS, item.approvalStatus, ctx.logger),
  provisioningStatus: (item, _args, ctx) => enumOut(PROVISIONING_STATUS, item.provisioningStatus, ctx.logger),
  operation: (item, _args, ctx) => enumOut(ACCOUNT_ACTIVITY_ITEM_OPERATION, item.operation, ctx.logger),
  reviewer: (item) => item.reviewerIdentitySummary ?? null,
  accountRequestInfo: (item, _args, ctx) =>
    item.accountRequestInfo
      ? {
          requestedObjectId: item.accountRequestInfo.requestedObjectId ?? null,
          requestedObjectName: item.accountRequestInfo.requestedObjectName ?? null,
          requestedObjectType: enumOut(
            REQUESTABLE_OBJECT_TYPE,
            item.accountRequestInfo.requestedObjectType,
            ctx.logger,
          ),
        }
      : null,
};

export const IdentitySummary: IdentitySummaryResolvers = {
  identity: (summary) => (summary.identityId ? { id: summary.identityId } : null),
};

export const AccountActivityConnection: AccountActivityConnectionResolvers = connectionFields;
