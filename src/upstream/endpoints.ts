import { badUserInput } from '../core/errors.js';
import { validateId } from '../core/ids.js';
import type { ApiPaths } from './config.js';
import type { AccountActivityQuery, ListQuery } from './types.js';

/**
 * SailPoint paths in both styles (UPSTREAM.md section 1): per-service `/workflows/v1/{id}` and legacy
 * `/v2025/workflows/{id}`. Pure functions, so the URL shape of every endpoint is unit-tested without a socket.
 */

export type EndpointName =
  | 'listWorkflows'
  | 'getWorkflow'
  | 'listWorkflowExecutions'
  | 'getWorkflowExecution'
  | 'getWorkflowExecutionHistory'
  | 'listTriggerInvocationStatuses'
  | 'listAccountActivities'
  | 'getAccountActivity';

/** Which TTL applies: workflow definitions change rarely and get the longer `workflowTtlSeconds`. */
export type TtlKind = 'workflow' | 'default';

const ID = Symbol('id');
type Segment = string | typeof ID;

interface Route {
  resource: string;
  rest: readonly Segment[];
  ttl: TtlKind;
}

const ROUTES: Record<EndpointName, Route> = {
  listWorkflows: { resource: 'workflows', rest: [], ttl: 'workflow' },
  getWorkflow: { resource: 'workflows', rest: [ID], ttl: 'workflow' },
  listWorkflowExecutions: { resource: 'workflows', rest: [ID, 'executions'], ttl: 'default' },
  getWorkflowExecution: { resource: 'workflow-executions', rest: [ID], ttl: 'default' },
  getWorkflowExecutionHistory: { resource: 'workflow-executions', rest: [ID, 'history'], ttl: 'default' },
  listTriggerInvocationStatuses: { resource: 'trigger-invocations', rest: ['status'], ttl: 'default' },
  listAccountActivities: { resource: 'account-activities', rest: [], ttl: 'default' },
  getAccountActivity: { resource: 'account-activities', rest: [ID], ttl: 'default' },
};

export interface ResolvedEndpoint {
  name: EndpointName;
  /** Relative to the base URL (no leading slash, as got's `prefixUrl` requires), ids percent-encoded. */
  path: string;
  /** Metrics label, e.g. `GET /workflows/v1/{id}/executions`: never a raw id, so label cardinality stays fixed. */
  template: string;
  ttl: TtlKind;
}

/**
 * Encodes an id as exactly one path segment. Every id that reaches a path passes validateId first (length, no
 * whitespace, control characters or lone surrogates), the same check the identity arguments get, so a by-id root,
 * an `_entities` representation and `requestedFor` fail alike and before any call. `encodeURIComponent` then
 * escapes `/`, `?`, `#` and `%`, so `../x` stays one segment (`..%2Fx`). It leaves `.` alone, and the URL parser
 * resolves a segment that is exactly `.` or `..` (even written `%2e%2e`), so those are refused too.
 */
export function encodeIdSegment(id: string): string {
  validateId(id, 'id');
  if (id === '.' || id === '..') throw badUserInput(`Invalid id: ${JSON.stringify(id)}`);
  return encodeURIComponent(id);
}

export function resolveEndpoint(style: ApiPaths, name: EndpointName, id?: string): ResolvedEndpoint {
  const route = ROUTES[name];
  const head = style === 'v1' ? [route.resource, 'v1'] : [style, route.resource];
  const pathSegments: string[] = [...head];
  const templateSegments: string[] = [...head];
  for (const segment of route.rest) {
    if (segment === ID) {
      if (id === undefined) throw new Error(`${name} needs an id`);
      pathSegments.push(encodeIdSegment(id));
      templateSegments.push('{id}');
    } else {
      pathSegments.push(segment);
      templateSegments.push(segment);
    }
  }
  return {
    name,
    path: pathSegments.join('/'),
    template: `GET /${templateSegments.join('/')}`,
    ttl: route.ttl,
  };
}

/**
 * The query string as a plain object of strings: got encodes it exactly once (never pre-encode, or `#` in a filter
 * becomes `%2523`), and the cache key is derived from the very same object. Empty values are left out.
 */
export function toSearchParams(query: ListQuery | AccountActivityQuery): Record<string, string> {
  const params: Record<string, string> = {
    limit: String(query.limit),
    offset: String(query.offset),
  };
  if (query.filters) params.filters = query.filters;
  if (query.sorters) params.sorters = query.sorters;
  // count=true costs SailPoint a count query: only when the caller selected totalCount.
  if (query.count) params.count = 'true';
  if ('requestedFor' in query && query.requestedFor) params['requested-for'] = query.requestedFor;
  if ('requestedBy' in query && query.requestedBy) params['requested-by'] = query.requestedBy;
  if ('regardingIdentity' in query && query.regardingIdentity)
    params['regarding-identity'] = query.regardingIdentity;
  return params;
}
