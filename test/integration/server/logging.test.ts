import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  // Everything the gateway can log, in pass-through mode where the caller's own token travels upstream.
  gw = await startTestGateway({
    mode: 'pass-through',
    logLevel: 'trace',
    env: { UPSTREAM_MAX_RETRIES: '1' },
  });
});
afterAll(async () => {
  await gw.stop();
});
afterEach(() => {
  gw.tenant.clearFaults();
});

const QUERIES = [
  '{ workflows(first: 2) { nodes { id } } }',
  '{ triggerInvocationStatuses(first: 2) { nodes { id } } }',
  '{ accountActivities(first: 2) { nodes { id } } }',
  '{ workflowExecution(id: "0f11f2a4-7c94-4bf3-a2bd-742580fe3bde") { id } }',
];

describe('log redaction', () => {
  const token = (): string => (gw.defaultHeaders.authorization ?? '').replace(/^Bearer /, '');

  it.each([
    [500, 'UPSTREAM_ERROR'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [400, 'BAD_USER_INPUT'],
    [429, 'RATE_LIMITED'],
  ])('never logs or returns the bearer token when SailPoint answers %i', async (status, code) => {
    expect(token().length).toBeGreaterThan(10);
    gw.clearLogs();
    gw.tenant.addFault({ status, ...(status === 429 ? { headers: { 'Retry-After': '60' } } : {}) });
    const bodies: string[] = [];
    for (const query of QUERIES) {
      const { body } = await gw.query(query, undefined, { 'cache-control': 'no-cache' });
      bodies.push(JSON.stringify(body));
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(gw.logs().length).toBeGreaterThan(0);
    expect(gw.logText()).not.toContain(token());
    for (const body of bodies) expect(body).not.toContain(token());
  });

  it('never logs the token of a malformed Authorization header', async () => {
    gw.clearLogs();
    const secret = 'not-a-valid-token-but-still-secret';
    await gw.query(QUERIES[0] ?? '', undefined, { authorization: `Bearer ${secret} trailing` });
    await gw.query(QUERIES[0] ?? '', undefined, { authorization: `Bearer ${secret}` });
    expect(gw.logText()).not.toContain(secret);
  });

  it('never logs the API key in service mode', async () => {
    const service = await startTestGateway({ mode: 'service', logLevel: 'trace' });
    try {
      await service.query(QUERIES[0] ?? '');
      await service.query(QUERIES[0] ?? '', undefined, { 'x-api-key': 'wrong-key-but-sensitive-0001' });
      const text = service.logText();
      expect(text).not.toContain(service.defaultHeaders['x-api-key']);
      expect(text).not.toContain('wrong-key-but-sensitive-0001');
      expect(text).not.toContain(service.tenant.credentials.clientSecret);
    } finally {
      await service.stop();
    }
  });
});
