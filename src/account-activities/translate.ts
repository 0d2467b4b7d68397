import { defineEnum } from '../core/enums.js';
import { badUserInput } from '../core/errors.js';
import type {
  AccountActivityApprovalStatus,
  AccountActivityCompletionStatus,
  AccountActivityExecutionStatus,
  AccountActivityFilter,
  AccountActivityItemOperation,
  AccountActivityOrder,
  AccountActivityOrderField,
  ProvisioningStatus,
  RequestableObjectType,
} from '../__generated__/resolvers-types.js';
import {
  dateTimeLiteral,
  fieldPredicates,
  joinAnd,
  quoteString,
  toUpstreamSort,
} from '../pagination/list-query.js';
import { validateId } from '../core/ids.js';

export const ACCOUNT_ACTIVITY_COMPLETION_STATUS = defineEnum<
  Exclude<AccountActivityCompletionStatus, 'UNKNOWN'>
>('AccountActivityCompletionStatus', {
  SUCCESS: 'SUCCESS',
  FAILURE: 'FAILURE',
  INCOMPLETE: 'INCOMPLETE',
  PENDING: 'PENDING',
});

export const ACCOUNT_ACTIVITY_EXECUTION_STATUS = defineEnum<
  Exclude<AccountActivityExecutionStatus, 'UNKNOWN'>
>('AccountActivityExecutionStatus', {
  EXECUTING: 'EXECUTING',
  VERIFYING: 'VERIFYING',
  TERMINATED: 'TERMINATED',
  COMPLETED: 'COMPLETED',
});

export const ACCOUNT_ACTIVITY_APPROVAL_STATUS = defineEnum<Exclude<AccountActivityApprovalStatus, 'UNKNOWN'>>(
  'AccountActivityApprovalStatus',
  {
    FINISHED: 'FINISHED',
    REJECTED: 'REJECTED',
    RETURNED: 'RETURNED',
    EXPIRED: 'EXPIRED',
    PENDING: 'PENDING',
    CANCELED: 'CANCELED',
  },
);

/** `COMMITED` is SailPoint's spelling, kept in both the schema and the upstream value. */
export const PROVISIONING_STATUS = defineEnum<Exclude<ProvisioningStatus, 'UNKNOWN'>>('ProvisioningStatus', {
  PENDING: 'PENDING',
  FINISHED: 'FINISHED',
  UNVERIFIABLE: 'UNVERIFIABLE',
  COMMITED: 'COMMITED',
  FAILED: 'FAILED',
  RETRY: 'RETRY',
});

export const ACCOUNT_ACTIVITY_ITEM_OPERATION = defineEnum<Exclude<AccountActivityItemOperation, 'UNKNOWN'>>(
  'AccountActivityItemOperation',
  {
    ADD: 'ADD',
    CREATE: 'CREATE',
    MODIFY: 'MODIFY',
    DELETE: 'DELETE',
    DISABLE: 'DISABLE',
    ENABLE: 'ENABLE',
    UNLOCK: 'UNLOCK',
    LOCK: 'LOCK',
    REMOVE: 'REMOVE',
    SET: 'SET',
  },
);

export const REQUESTABLE_OBJECT_TYPE = defineEnum<Exclude<RequestableObjectType, 'UNKNOWN'>>(
  'RequestableObjectType',
  {
    ACCESS_PROFILE: 'ACCESS_PROFILE',
    ROLE: 'ROLE',
    ENTITLEMENT: 'ENTITLEMENT',
  },
);

export const ACCOUNT_ACTIVITY_SORT_FIELDS: Readonly<Record<AccountActivityOrderField, string>> = {
  TYPE: 'type',
  CREATED: 'created',
  MODIFIED: 'modified',
};

/**
 * `AccountActivityFilter` -> `filters`, e.g. `type in ("Identity Refresh","appRequest") and created ge 2026-01-01T00:00:00Z`.
 * Type values are quoted strings; date-times are validated RFC 3339 and unquoted.
 */
export function toAccountActivityFilters(
  filter: AccountActivityFilter | null | undefined,
): string | undefined {
  const dateTime = (value: string, where: string): string => dateTimeLiteral(value, `\`${where}\``);
  return joinAnd([
    ...fieldPredicates('type', 'filter.type', filter?.type, quoteString),
    ...fieldPredicates('created', 'filter.created', filter?.created, dateTime),
    ...fieldPredicates('modified', 'filter.modified', filter?.modified, dateTime),
  ]);
}

export function toAccountActivitySorters(
  orderBy: readonly AccountActivityOrder[] | null | undefined,
): string | undefined {
  return toUpstreamSort(orderBy, ACCOUNT_ACTIVITY_SORT_FIELDS);
}

export interface AccountActivityArgs {
  requestedFor?: string | null;
  requestedBy?: string | null;
  regardingIdentity?: string | null;
  filter?: AccountActivityFilter | null;
  orderBy?: readonly AccountActivityOrder[] | null;
}

/** The list-defining part of an activity list call (paging and `count` come from the planner). */
export interface AccountActivityListQuery {
  requestedFor?: string;
  requestedBy?: string;
  regardingIdentity?: string;
  filters?: string;
  sorters?: string;
}

/**
 * The `accountActivities` arguments -> SailPoint query. The identity arguments take an id or `me` (the caller);
 * SailPoint rejects `regarding-identity` together with either of the other two, so the gateway does first.
 */
export function toAccountActivityQuery(args: AccountActivityArgs): AccountActivityListQuery {
  const query: AccountActivityListQuery = {};
  for (const name of ['requestedFor', 'requestedBy', 'regardingIdentity'] as const) {
    const value = args[name];
    if (value !== undefined && value !== null) query[name] = validateId(value, name);
  }
  if (
    query.regardingIdentity !== undefined &&
    (query.requestedFor !== undefined || query.requestedBy !== undefined)
  ) {
    throw badUserInput('`regardingIdentity` cannot be combined with `requestedFor` or `requestedBy`');
  }
  const filters = toAccountActivityFilters(args.filter);
  const sorters = toAccountActivitySorters(args.orderBy);
  if (filters !== undefined) query.filters = filters;
  if (sorters !== undefined) query.sorters = sorters;
  return query;
}
