// How callers authenticate in each mode: API keys in service mode, the caller's bearer token in pass-through
// mode, and anonymous callers in demo mode.
import { TEST_API_KEY } from '../../helpers/gateway.js';
import { start, useGateways, WORKFLOWS } from './support.js';

useGateways({ shared: false });

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
