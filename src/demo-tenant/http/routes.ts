/** Which path style a request used: per-service `/x/v1/...` or a legacy version prefix. */
export type PathStyle = 'v1' | 'v2025' | 'v2024' | 'beta';

export type RouteName =
  | 'listWorkflows'
  | 'getWorkflow'
  | 'listExecutions'
  | 'getExecution'
  | 'getExecutionHistory'
  | 'getExecutionHistoryV2'
  | 'listInvocationStatuses'
  | 'listAccountActivities'
  | 'getAccountActivity';

export interface MatchedRoute {
  name: RouteName;
  style: PathStyle;
  /** Percent-decoded `{id}` path segment, when the route has one. */
  id?: string;
}

interface RouteDef {
  name: RouteName;
  v1: string;
  legacy: string;
  /** Legacy prefixes that have the route; default all. */
  legacyPrefixes?: readonly Exclude<PathStyle, 'v1'>[];
}

export const LEGACY_PREFIXES: readonly Exclude<PathStyle, 'v1'>[] = ['v2025', 'v2024', 'beta'];

const ROUTES: readonly RouteDef[] = [
  { name: 'listWorkflows', v1: '/workflows/v1', legacy: '/workflows' },
  { name: 'getWorkflow', v1: '/workflows/v1/{id}', legacy: '/workflows/{id}' },
  { name: 'listExecutions', v1: '/workflows/v1/{id}/executions', legacy: '/workflows/{id}/executions' },
  { name: 'getExecution', v1: '/workflow-executions/v1/{id}', legacy: '/workflow-executions/{id}' },
  {
    name: 'getExecutionHistory',
    v1: '/workflow-executions/v1/{id}/history',
    legacy: '/workflow-executions/{id}/history',
  },
  // history-v2 exists only in v2025/v2026 among the legacy versions (UPSTREAM.md section 1).
  {
    name: 'getExecutionHistoryV2',
    v1: '/workflow-executions/v1/{id}/history-v2',
    legacy: '/workflow-executions/{id}/history-v2',
    legacyPrefixes: ['v2025'],
  },
  {
    name: 'listInvocationStatuses',
    v1: '/trigger-invocations/v1/status',
    legacy: '/trigger-invocations/status',
  },
  { name: 'listAccountActivities', v1: '/account-activities/v1', legacy: '/account-activities' },
  { name: 'getAccountActivity', v1: '/account-activities/v1/{id}', legacy: '/account-activities/{id}' },
];

function matchTemplate(template: string, segments: readonly string[]): { ok: boolean; id?: string } {
  const parts = template.split('/').slice(1);
  if (parts.length !== segments.length) return { ok: false };
  let id: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (part === '{id}') {
      if (segment === '') return { ok: false };
      try {
        id = decodeURIComponent(segment);
      } catch {
        return { ok: false };
      }
    } else if (part !== segment) {
      return { ok: false };
    }
  }
  return id === undefined ? { ok: true } : { ok: true, id };
}

export function isLegacyPath(pathname: string): boolean {
  return LEGACY_PREFIXES.some((p) => pathname.startsWith(`/${p}/`));
}

/** Exact match only: no trailing slash, no case folding, no `..` normalisation. */
export function matchRoute(pathname: string): MatchedRoute | null {
  const segments = pathname.split('/').slice(1);
  const first = segments[0];
  const prefix = LEGACY_PREFIXES.find((p) => p === first);
  for (const route of ROUTES) {
    if (prefix === undefined) {
      const m = matchTemplate(route.v1, segments);
      if (m.ok)
        return m.id === undefined
          ? { name: route.name, style: 'v1' }
          : { name: route.name, style: 'v1', id: m.id };
    } else if ((route.legacyPrefixes ?? LEGACY_PREFIXES).includes(prefix)) {
      const m = matchTemplate(route.legacy, segments.slice(1));
      if (m.ok)
        return m.id === undefined
          ? { name: route.name, style: prefix }
          : { name: route.name, style: prefix, id: m.id };
    }
  }
  return null;
}
