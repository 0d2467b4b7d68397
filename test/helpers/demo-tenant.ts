import type { DemoTenant, DemoTenantOptions } from '../../src/demo-tenant/index.js';
import { startDemoTenant } from '../../src/demo-tenant/index.js';

/** A demo tenant on 127.0.0.1, free port. */
export function startTestTenant(options: Omit<DemoTenantOptions, 'port' | 'host'> = {}): Promise<DemoTenant> {
  return startDemoTenant({ ...options, port: 0, host: '127.0.0.1' });
}

export interface TenantResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface GetOptions {
  /** Bearer token; default a fresh token of the demo client. `null` sends no Authorization header. */
  token?: string | null;
  /** Query parameters, encoded once by URLSearchParams (as the gateway's HTTP client does). */
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  method?: string;
}

/** One request to the tenant, with the JSON body parsed. */
export async function tenantGet<T = unknown>(
  tenant: DemoTenant,
  path: string,
  options: GetOptions = {},
): Promise<TenantResponse<T>> {
  const url = new URL(path, tenant.url);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, String(value));
  const token = options.token === undefined ? tenant.issueToken() : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(url, { method: options.method ?? 'GET', headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

export interface ErrorBody {
  detailCode: string;
  trackingId: string;
  messages: { locale: string; localeOrigin: string; text: string }[];
  causes: unknown[];
}

/** The text of an ErrorResponseDto's first message. */
export function errorText(body: unknown): string {
  return (body as ErrorBody).messages[0]?.text ?? '';
}

/** Both path styles of each operation, for tests that run everything twice. */
export const PATHS = {
  v1: {
    workflows: '/workflows/v1',
    workflow: (id: string) => `/workflows/v1/${encodeURIComponent(id)}`,
    executions: (id: string) => `/workflows/v1/${encodeURIComponent(id)}/executions`,
    execution: (id: string) => `/workflow-executions/v1/${encodeURIComponent(id)}`,
    history: (id: string) => `/workflow-executions/v1/${encodeURIComponent(id)}/history`,
    historyV2: (id: string) => `/workflow-executions/v1/${encodeURIComponent(id)}/history-v2`,
    invocations: '/trigger-invocations/v1/status',
    activities: '/account-activities/v1',
    activity: (id: string) => `/account-activities/v1/${encodeURIComponent(id)}`,
  },
  legacy: (prefix: 'v2025' | 'v2024' | 'beta') => ({
    workflows: `/${prefix}/workflows`,
    workflow: (id: string) => `/${prefix}/workflows/${encodeURIComponent(id)}`,
    executions: (id: string) => `/${prefix}/workflows/${encodeURIComponent(id)}/executions`,
    execution: (id: string) => `/${prefix}/workflow-executions/${encodeURIComponent(id)}`,
    history: (id: string) => `/${prefix}/workflow-executions/${encodeURIComponent(id)}/history`,
    historyV2: (id: string) => `/${prefix}/workflow-executions/${encodeURIComponent(id)}/history-v2`,
    invocations: `/${prefix}/trigger-invocations/status`,
    activities: `/${prefix}/account-activities`,
    activity: (id: string) => `/${prefix}/account-activities/${encodeURIComponent(id)}`,
  }),
};
