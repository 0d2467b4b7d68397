import { defineEnum } from '../core/enums.js';
import type {
  TriggerInvocationStatusFilter,
  TriggerInvocationStatusOrder,
  TriggerInvocationStatusOrderField,
  TriggerInvocationType,
} from '../__generated__/resolvers-types.js';
import { fieldPredicates, joinAnd, quoteString, toUpstreamSort } from '../pagination/list-query.js';

export const TRIGGER_INVOCATION_TYPE = defineEnum<Exclude<TriggerInvocationType, 'UNKNOWN'>>(
  'TriggerInvocationType',
  {
    TEST: 'TEST',
    REAL_TIME: 'REAL_TIME',
  },
);

/** orderBy field -> SailPoint sorter name. */
export const INVOCATION_STATUS_SORT_FIELDS: Readonly<Record<TriggerInvocationStatusOrderField, string>> = {
  TRIGGER_ID: 'triggerId',
  SUBSCRIPTION_NAME: 'subscriptionName',
  CREATED: 'created',
  COMPLETED: 'completed',
};

/** `TriggerInvocationStatusFilter` -> `filters`, e.g. `triggerId eq "idn:access-request-dynamic-approver"`. */
export function toInvocationStatusFilters(
  filter: TriggerInvocationStatusFilter | null | undefined,
): string | undefined {
  return joinAnd([
    ...fieldPredicates('triggerId', 'filter.triggerId', filter?.triggerId, quoteString),
    ...fieldPredicates('subscriptionId', 'filter.subscriptionId', filter?.subscriptionId, quoteString),
  ]);
}

export function toInvocationStatusSorters(
  orderBy: readonly TriggerInvocationStatusOrder[] | null | undefined,
): string | undefined {
  return toUpstreamSort(orderBy, INVOCATION_STATUS_SORT_FIELDS);
}

/** The list-defining part of a status list call (paging and `count` come from the planner). */
export interface InvocationStatusQuery {
  filters?: string;
  sorters?: string;
}

export function toInvocationStatusQuery(
  filter: TriggerInvocationStatusFilter | null | undefined,
  orderBy: readonly TriggerInvocationStatusOrder[] | null | undefined,
): InvocationStatusQuery {
  const filters = toInvocationStatusFilters(filter);
  const sorters = toInvocationStatusSorters(orderBy);
  return { ...(filters !== undefined && { filters }), ...(sorters !== undefined && { sorters }) };
}
