import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * graphql-http's server audits (the GraphQL over HTTP spec's conformance suite) against the real HTTP server, in
 * development and in production. Every MUST and SHOULD audit passes; the MAY audits are reported by the library
 * but not required (the GET ones without a content-type are what Apollo's CSRF prevention refuses, on purpose).
 *
 * Production disables introspection, and five audits happen to use `__type` in their document (the UTF-8 one and
 * the map-variables ones). Introspection stays off: in production the test replaces exactly those documents with
 * equivalents that need no introspection (same UTF-8 text in a string argument, same `String!` variable) and
 * checks separately that the original documents are still refused. An audit whose document is unknown to the map
 * runs unchanged, so a new introspective audit in a later graphql-http fails here instead of being rewritten.
 */

const INTROSPECTIVE_DOCUMENTS: Record<string, string> = {
  '{ __type(name: "Run🏃Swim🏊") { name } }': '{ workflow(id: "Run🏃Swim🏊") { id } }',
  'query Type($name: String!) { __type(name: $name) { name } }':
    'query Type($name: String!) { accountActivities(first: 1, filter: { type: { eq: $name } }) { totalCount } }',
};

/** A fetch that swaps the introspective audit documents (POST bodies and GET search params) for their stand-ins. */
function withoutIntrospection(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  const fromUrl = url.searchParams.get('query');
  if (fromUrl !== null && INTROSPECTIVE_DOCUMENTS[fromUrl] !== undefined) {
    url.searchParams.set('query', INTROSPECTIVE_DOCUMENTS[fromUrl]);
  }
  let body = init.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { query?: unknown };
      const replacement =
        typeof parsed.query === 'string' ? INTROSPECTIVE_DOCUMENTS[parsed.query] : undefined;
      if (replacement !== undefined) body = JSON.stringify({ ...parsed, query: replacement });
    } catch {
      // Not JSON (the audits that send malformed bodies): sent as it is.
    }
  }
  return fetch(url, { ...init, body });
}

async function describeFailure(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return '';
  const body = await result.response.text().catch(() => '<unreadable>');
  return `${result.id} ${result.name}: ${result.reason} (HTTP ${result.response.status}: ${body.slice(0, 300)})`;
}

async function runAudits(gateway: TestGateway, fetchFn: typeof fetch): Promise<AuditResult[]> {
  // One at a time: the audits share the demo tenant's rate budget and the machine with other suites.
  const results: AuditResult[] = [];
  for (const audit of serverAudits({ url: gateway.url, fetchFn })) results.push(await audit.fn());
  return results;
}

async function requiredFailures(results: AuditResult[]): Promise<string[]> {
  const failed = results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY'));
  return Promise.all(failed.map(describeFailure));
}

describe.each([
  ['development', fetch],
  ['production', withoutIntrospection as typeof fetch],
] as const)('GraphQL over HTTP audits, NODE_ENV=%s', (nodeEnv, fetchFn) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { NODE_ENV: nodeEnv } });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it('passes every MUST and SHOULD audit', async () => {
    const results = await runAudits(gateway, fetchFn);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
    expect(results.filter((r) => r.name.startsWith('SHOULD')).length).toBeGreaterThan(10);
    expect(await requiredFailures(results)).toEqual([]);
  });

  it('negotiates application/graphql-response+json with 4xx for request errors, application/json with 200', async () => {
    const post = (accept: string, query: string): Promise<Response> =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query }),
      });
    for (const query of ['{', '{ noSuchField }']) {
      const modern = await post('application/graphql-response+json', query);
      expect(modern.status).toBe(400);
      expect(modern.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
      const legacy = await post('application/json', query);
      expect(legacy.status).toBe(200);
      expect(legacy.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await legacy.json()).not.toHaveProperty('data');
    }
    // A malformed request (no query) is not well-formed: 4xx with either media type.
    const missing = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ notquery: '{ __typename }' }),
    });
    expect(missing.status).toBe(400);
  });
});

it('keeps introspection refused in production, also for the audit documents the test stands in for', async () => {
  const gateway = await startTestGateway({ env: { NODE_ENV: 'production' } });
  try {
    for (const query of Object.keys(INTROSPECTIVE_DOCUMENTS)) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables: { name: 'sometype' } }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  } finally {
    await gateway.stop();
  }
});
