// What the gateway serves over HTTP: health and readiness, request ids, startup on a taken port, responses with
// their upstream stats and log line, and the landing page and introspection in and out of production.
import { getIntrospectionQuery } from 'graphql';
import { SANDBOX_DOCUMENT } from '../../../src/http/landing-page.js';
import { startTestGateway } from '../../helpers/gateway.js';
import { shared, start, useGateways, WORKFLOWS } from './support.js';

useGateways({ shared: true });

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
