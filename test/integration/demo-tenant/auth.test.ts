import type { DemoTenant } from '../../../src/demo-tenant/index.js';
import { startTestTenant, tenantGet } from '../../helpers/demo-tenant.js';

async function postToken(
  tenant: DemoTenant,
  body: string | undefined,
  options: { contentType?: string; query?: string; method?: string } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${tenant.url}/oauth/token${options.query ? `?${options.query}` : ''}`, {
    method: options.method ?? 'POST',
    headers:
      body === undefined
        ? {}
        : { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('POST /oauth/token', () => {
  let tenant: DemoTenant;
  beforeAll(async () => {
    tenant = await startTestTenant();
  });
  afterAll(() => tenant.stop());

  it('issues a bearer token for client credentials in a form body, like SailPoint', async () => {
    const { clientId, clientSecret } = tenant.credentials;
    const res = await postToken(
      tenant,
      form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'bearer',
      expires_in: 749,
      scope: 'sp:scopes:all',
      tenant_id: expect.any(String),
      pod: expect.any(String),
      org: expect.any(String),
      strong_auth_supported: false,
      strong_auth: true,
      identity_id: tenant.data.adminIdentityId,
      user_id: tenant.data.adminIdentityId,
      user_name: tenant.data.adminIdentityId,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const listed = await tenantGet(tenant, '/workflows/v1', { token: res.body['access_token'] as string });
    expect(listed.status).toBe(200);
  });

  it('accepts the credentials in the query string, and records the call with its client', async () => {
    const { clientId, clientSecret } = tenant.credentials;
    tenant.clearRequests();
    const res = await postToken(tenant, undefined, {
      query: form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    expect(res.status).toBe(200);
    expect(tenant.requests).toEqual([
      {
        method: 'POST',
        path: '/oauth/token',
        query: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
        clientId,
        status: 200,
        at: expect.any(Number),
      },
    ]);
  });

  it('issues tokens for added clients carrying their identity', async () => {
    const other = tenant.data.identities[3]!.id;
    const client = tenant.addClient(other);
    const res = await postToken(
      tenant,
      form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    );
    expect(res.body['identity_id']).toBe(other);
    expect(tenant.addClient().clientId).not.toBe(client.clientId);
  });

  it('rejects bad credentials and grants with OAuth2 error bodies', async () => {
    const { clientId, clientSecret } = tenant.credentials;
    expect(
      await postToken(
        tenant,
        form({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' }),
      ),
    ).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Bad client credentials' },
    });
    expect(
      await postToken(tenant, form({ grant_type: 'client_credentials', client_secret: clientSecret })),
    ).toMatchObject({ status: 401 });
    expect(await postToken(tenant, form({ client_id: clientId, client_secret: clientSecret }))).toMatchObject(
      {
        status: 400,
        body: { error: 'invalid_request' },
      },
    );
    expect(
      await postToken(
        tenant,
        form({ grant_type: 'CLIENT_CREDENTIALS', client_id: clientId, client_secret: clientSecret }),
      ),
    ).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(
      await postToken(
        tenant,
        form({ grant_type: 'password', client_id: clientId, client_secret: clientSecret }),
      ),
    ).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
  });

  it('rejects JSON and conflicting parameters, and methods other than POST', async () => {
    const { clientId, clientSecret } = tenant.credentials;
    const json = JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(await postToken(tenant, json, { contentType: 'application/json' })).toMatchObject({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: expect.stringMatching(/Unsupported content type 'application\/json'/),
      },
    });
    expect(
      await postToken(
        tenant,
        form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
        {
          query: 'client_id=someone-else',
        },
      ),
    ).toMatchObject({
      status: 400,
      body: { error_description: "Parameter 'client_id' given more than once" },
    });
    expect((await postToken(tenant, undefined, { method: 'GET' })).status).toBe(405);
  });

  it('honours a configured token lifetime', async () => {
    const short = await startTestTenant({ tokenTtlSeconds: 60 });
    try {
      const { clientId, clientSecret } = short.credentials;
      const res = await postToken(
        short,
        form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      );
      expect(res.body['expires_in']).toBe(60);
    } finally {
      await short.stop();
    }
  });
});

describe('bearer authentication of data endpoints', () => {
  let tenant: DemoTenant;
  beforeAll(async () => {
    tenant = await startTestTenant();
  });
  afterAll(() => tenant.stop());

  it('answers 401 {error} without a token, with an unknown token, and with another scheme', async () => {
    const missing = await tenantGet(tenant, '/workflows/v1', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: 'Missing Authorization header' });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await tenantGet(tenant, '/workflows/v1', { token: 'not-a-jwt' })).toMatchObject({
      status: 401,
      body: { error: 'JWT validation failed: malformed token' },
    });
    const basic = await tenantGet(tenant, '/workflows/v1', {
      token: null,
      headers: { authorization: 'Basic abc' },
    });
    expect(basic).toMatchObject({
      status: 401,
      body: { error: expect.stringMatching(/^JWT validation failed/) },
    });
    expect((await tenantGet(tenant, '/account-activities/v1', { token: null })).status).toBe(401);
  });

  it('rejects tokens of another tenant and tampered tokens', async () => {
    const other = await startTestTenant();
    try {
      const foreign = await tenantGet(tenant, '/workflows/v1', { token: other.issueToken() });
      expect(foreign).toMatchObject({
        status: 401,
        body: { error: 'JWT validation failed: invalid signature' },
      });
    } finally {
      await other.stop();
    }
    const token = tenant.issueToken();
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await tenantGet(tenant, '/workflows/v1', { token: tampered })).status).toBe(401);
  });

  it('answers 401 "JWT is expired" once a token expires', async () => {
    const expired = await tenantGet(tenant, '/workflows/v1', { token: tenant.issueToken(undefined, 0) });
    expect(expired).toMatchObject({ status: 401, body: { error: 'JWT validation failed: JWT is expired' } });
    const token = tenant.issueToken(undefined, 0.3);
    expect((await tenantGet(tenant, '/workflows/v1', { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    expect((await tenantGet(tenant, '/workflows/v1', { token })).body).toEqual({
      error: 'JWT validation failed: JWT is expired',
    });
  });

  it('authenticates before routing: unknown paths need a token too', async () => {
    expect((await tenantGet(tenant, '/no/such/path', { token: null })).status).toBe(401);
    expect((await tenantGet(tenant, '/no/such/path')).status).toBe(404);
  });
});

describe('rate limit', () => {
  let tenant: DemoTenant;
  beforeEach(async () => {
    tenant = await startTestTenant({ rateLimit: { requests: 5, windowMs: 1000 } });
  });
  afterEach(() => tenant.stop());

  it('answers 429 {message} with Retry-After past the limit, per client, until the window slides', async () => {
    const token = tenant.issueToken();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await tenantGet(tenant, '/workflows/v1', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await tenantGet(tenant, '/account-activities/v1', { token, query: { limit: 1 } });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ message: ' Rate Limit Exceeded ' });
    expect(limited.headers.get('retry-after')).toBe('1');
    // A new token of the same client shares the budget; another client has its own.
    expect((await tenantGet(tenant, '/workflows/v1', { token: tenant.issueToken() })).status).toBe(429);
    const other = tenant.addClient();
    expect(
      (await tenantGet(tenant, '/workflows/v1', { token: tenant.issueToken(other.clientId) })).status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await tenantGet(tenant, '/workflows/v1', { token })).status).toBe(200);
  });

  it('does not count /oauth/token calls or unauthenticated requests', async () => {
    const { clientId, clientSecret } = tenant.credentials;
    for (let i = 0; i < 6; i++) {
      const res = await postToken(
        tenant,
        form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      );
      expect(res.status).toBe(200);
      expect((await tenantGet(tenant, '/workflows/v1', { token: null })).status).toBe(401);
    }
    const token = tenant.issueToken();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await tenantGet(tenant, '/workflows/v1', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('counts requests that end in 400 or 404', async () => {
    const token = tenant.issueToken();
    for (let i = 0; i < 5; i++) {
      expect((await tenantGet(tenant, '/workflows/v1/nope', { token })).status).toBe(404);
    }
    expect((await tenantGet(tenant, '/workflows/v1', { token })).status).toBe(429);
  });
});
