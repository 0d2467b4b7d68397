// How the gateway guards its HTTP endpoint against requests it must not serve: CORS origins, CSRF prevention,
// malformed or oversized bodies, and batching.
import { start, useGateways, WORKFLOWS } from './support.js';

useGateways({ shared: true });

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
