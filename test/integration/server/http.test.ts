import { getIntrospectionQuery } from 'graphql';
import { SANDBOX_DOCUMENT } from '../../../src/http/landing-page.js';
import { startTestGateway, TEST_API_KEY, type TestGateway } from '../../helpers/gateway.js';

const WORKFLOWS = '{ workflows(first: 2) { totalCount nodes { id name } } }';

// One default (demo mode, NODE_ENV=test) gateway for the tests that don't change configuration: starting the
// seeded tenant is the slow part. Tests that need other settings start their own and stop it in afterEach.
let shared: TestGateway;
beforeAll(async () => {
  shared = await startTestGateway();
});
afterAll(async () => {
  await shared.stop();
});

let own: TestGateway | undefined;
afterEach(async () => {
  await own?.stop();
  own = undefined;
});

async function start(...args: Parameters<typeof startTestGateway>): Promise<TestGateway> {
  if (args.length === 0) return shared;
  own = await startTestGateway(...args);
  return own;
}

describe('health, readiness and request ids', () => {
  it('answers /healthz and /readyz with the in-memory cache', async () => {
    const { get } = await start();
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', cache: 'memory' });
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const { query } = await start();
    const kept = await query('{ __typename }', undefined, { 'x-request-id': 'trace-abc.123' });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
    const replaced = await query('{ __typename }', undefined, { 'x-request-id': 'bad id\twith spaces' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('startup', () => {
  it('rejects when the port is taken', async () => {
    await expect(
      startTestGateway({ env: { PORT: String(shared.gateway.port) } }).then(async (unexpected) => {
        await unexpected.stop();
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect((await shared.get('/healthz')).status).toBe(200);
  });
});

describe('responses', () => {
  it('serves data with extensions.upstream', async () => {
    const { query } = await start();
    const { status, body } = await query<{ workflows: { totalCount: number; nodes: unknown[] } }>(WORKFLOWS);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflows.nodes).toHaveLength(2);
    expect(body.extensions?.upstream).toEqual({
      requests: expect.any(Number),
      cacheHits: expect.any(Number),
      coalesced: expect.any(Number),
      durationMs: expect.any(Number),
    });
    expect(body.extensions?.upstream?.requests).toBeGreaterThanOrEqual(1);
  });

  it('adds extensions.upstream to validation errors too', async () => {
    const { query } = await start();
    const { status, body } = await query('{ noSuchField }');
    // A request error answers 200 to an application/json caller (GraphQL over HTTP).
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.extensions?.upstream).toMatchObject({ requests: 0 });
  });

  it('logs one line per operation with its name, outcome and upstream stats', async () => {
    const t = await start();
    await t.query(`query Dashboard ${WORKFLOWS}`, undefined, { 'x-request-id': 'log-line-test' });
    const lines = t.logs().filter((l) => l.msg === 'graphql operation' && l.requestId === 'log-line-test');
    expect(lines).toEqual([
      expect.objectContaining({
        requestId: 'log-line-test',
        operationName: 'Dashboard',
        outcome: 'success',
        upstream: expect.objectContaining({ requests: expect.any(Number) }),
        durationMs: expect.any(Number),
      }),
    ]);
  });
});

describe('landing page and introspection', () => {
  it('serves the embedded Sandbox pointing at this endpoint outside production', async () => {
    const { url } = await start();
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('new window.EmbeddedSandbox(');
    // The endpoint is the page's own URL (GET /graphql), not an editable or foreign one.
    expect(html).toContain('var initialEndpoint = window.location.href;');
    expect(html).toContain('"endpointIsEditable":false');
  });

  it('opens Sandbox on an example operation that works against the demo tenant', async () => {
    const { url, query } = await start();
    const html = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain(JSON.stringify(SANDBOX_DOCUMENT).slice(1, 40));
    const { status, body } = await query(SANDBOX_DOCUMENT);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('has no landing page and rejects introspection in production', async () => {
    const { url, query } = await start({ env: { NODE_ENV: 'production' } });
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('EmbeddedSandbox');
    const { status, body } = await query(getIntrospectionQuery(), undefined, {
      accept: 'application/graphql-response+json',
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('allows introspection in production when GRAPHQL_INTROSPECTION=true', async () => {
    const { query } = await start({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' } });
    const { status, body } = await query<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
    );
    expect(status).toBe(200);
    expect(body.data?.__schema.queryType.name).toBe('Query');
  });

  it('passes the full introspection query through the limits', async () => {
    const { query, tenant } = await start();
    tenant.clearRequests();
    const { status, body } = await query(
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(tenant.requests).toHaveLength(0);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string): Promise<Response> =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });

  it("allows Sandbox's origin and localhost outside production", async () => {
    const { url } = await start();
    const sandbox = await preflight(url, 'https://studio.apollographql.com');
    expect(sandbox.status).toBe(204);
    expect(sandbox.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    expect(sandbox.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
    const local = await preflight(url, 'http://localhost:5173');
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await preflight(url, 'https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only CORS_ORIGINS in production', async () => {
    const { url } = await start({ env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com' } });
    const sandbox = await preflight(url, 'https://studio.apollographql.com');
    expect(sandbox.headers.get('access-control-allow-origin')).toBeNull();
    const local = await preflight(url, 'http://localhost:5173');
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await preflight(url, 'https://app.example.com');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });
});

describe('CSRF prevention', () => {
  it('rejects a simple GET without a preflight header', async () => {
    const { url, tenant } = await start();
    tenant.clearRequests();
    const response = await fetch(`${url}?query=${encodeURIComponent(WORKFLOWS)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(tenant.requests).toHaveLength(0);
  });

  it('rejects a simple text/plain POST', async () => {
    const { url, tenant } = await start();
    tenant.clearRequests();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: WORKFLOWS }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(tenant.requests).toHaveLength(0);
  });

  it('accepts a GET with apollo-require-preflight', async () => {
    const { url } = await start();
    const response = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('malformed requests', () => {
  it('answers invalid JSON with a JSON 400, not an HTML page', async () => {
    const { url } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Malformed request body', extensions: { code: 'BAD_REQUEST' } }],
      extensions: { upstream: { requests: 0, cacheHits: 0, coalesced: 0, durationMs: expect.any(Number) } },
    });
  });

  it('refuses a body over MAX_BODY_BYTES (64 KiB) with 413 PAYLOAD_TOO_LARGE', async () => {
    const { url } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }\n#${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({
      errors: [
        { message: expect.stringContaining('(MAX_BODY_BYTES)'), extensions: { code: 'PAYLOAD_TOO_LARGE' } },
      ],
    });
  });
});

describe('batching', () => {
  it('refuses batched requests by default', async () => {
    const { url } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('accepts them with GRAPHQL_BATCHING=true', async () => {
    const { url } = await start({ env: { GRAPHQL_BATCHING: 'true' } });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(2);
  });
});

describe('service mode', () => {
  it('rejects a missing API key with HTTP 401 and UNAUTHENTICATED, before any upstream call', async () => {
    const { query, tenant } = await start({ mode: 'service' });
    tenant.clearRequests();
    const { status, body } = await query(WORKFLOWS, undefined, { 'x-api-key': null });
    expect(status).toBe(401);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(tenant.requests).toHaveLength(0);
  });

  it('rejects an unknown API key', async () => {
    const { query } = await start({ mode: 'service' });
    const { status, body } = await query(WORKFLOWS, undefined, { 'x-api-key': `${TEST_API_KEY}x` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).not.toContain(TEST_API_KEY);
  });

  it('serves a caller with a valid API key', async () => {
    const { query } = await start({ mode: 'service' });
    const { status, body } = await query(WORKFLOWS);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('pass-through mode', () => {
  it('serves introspection and _service without a token, and fails SailPoint fields with UNAUTHENTICATED', async () => {
    const { query } = await start({ mode: 'pass-through' });
    const schema = await query<{ _service: { sdl: string } }>('{ _service { sdl } __typename }', undefined, {
      authorization: null,
    });
    expect(schema.status).toBe(200);
    expect(schema.body.data?._service.sdl).toContain('type Workflow');

    const data = await query(WORKFLOWS, undefined, { authorization: null });
    expect(data.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("forwards the caller's bearer token", async () => {
    const { query } = await start({ mode: 'pass-through' });
    const { status, body } = await query(WORKFLOWS);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('demo mode', () => {
  it('serves anonymous callers through the demo service account', async () => {
    const { query } = await start({ mode: 'demo' });
    const { body } = await query(WORKFLOWS);
    expect(body.errors).toBeUndefined();
    expect(body.data).toBeDefined();
  });
});
