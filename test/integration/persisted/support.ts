import { parseMetrics, metricValue } from '../../helpers/metrics.js';
import type { GraphQLBody, TestGateway } from '../../helpers/gateway.js';

/** A GraphQL request over real HTTP with any body shape (documentId, extensions) the test helper's `query` lacks. */
export async function post(
  gateway: TestGateway,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody; headers: Headers }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gateway.defaultHeaders, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody, headers: response.headers };
}

/** A GET with search params (objects are JSON-encoded), as CDN-friendly clients send hashed queries. */
export async function get(
  gateway: TestGateway,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody }> {
  const url = new URL(gateway.url);
  for (const [key, value] of Object.entries(params)) {
    url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  // Apollo's CSRF prevention lets a GET through with a JSON content-type (which Apollo Client sends).
  const response = await fetch(url, {
    headers: { 'content-type': 'application/json', ...gateway.defaultHeaders, ...headers },
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

export const apq = (sha256Hash: string): { persistedQuery: { version: 1; sha256Hash: string } } => ({
  persistedQuery: { version: 1, sha256Hash },
});

export async function documentsCounted(gateway: TestGateway, kind: string): Promise<number> {
  const text = await (await gateway.get('/metrics')).text();
  return metricValue(parseMetrics(text), 'graphql_documents_total', { kind });
}
