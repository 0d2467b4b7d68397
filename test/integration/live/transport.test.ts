import WebSocket from 'ws';
import { liveClient, until, wsUrl, type LiveClient } from '../../helpers/live.js';
import { TEST_API_KEY, startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * The graphql-ws transport's edges over real sockets: credentials on connection_init (4401/4403 before any
 * upstream call), connection and subscription limits, the query limits on subscription documents, malformed
 * protocol messages, upstream errors as GraphQL errors, and isolation between two credentials.
 */

const EXECUTION = `subscription Watch($id: ID!) { workflowExecution(id: $id) { id status } }`;

let gw: TestGateway | undefined;
const clients: LiveClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await gw?.stop();
  gw = undefined;
});

async function start(mode: 'demo' | 'service' | 'pass-through', env: Record<string, string> = {}) {
  gw = await startTestGateway({ mode, env: { LIVE_POLL_INTERVAL_MS: '20', ...env }, logLevel: 'warn' });
  return gw;
}

function connect(params: Record<string, unknown> = {}): LiveClient {
  const client = liveClient(gw!.url, params);
  clients.push(client);
  return client;
}

const runningId = (g: TestGateway) =>
  g.tenant.data.retainedExecutions.find((e) => e.status === 'Running')!.id;
const dataRequests = (g: TestGateway) => g.tenant.requests.filter((r) => r.path !== '/oauth/token');

test('service mode: no API key closes with 4401, a wrong one with 4403, before any upstream call', async () => {
  const g = await start('service');
  expect(await connect().closed).toBe(4401);
  expect(await connect({ 'x-api-key': 'not-the-configured-key-000' }).closed).toBe(4403);
  expect(g.tenant.requests).toEqual([]);
  expect(g.logText()).not.toContain('not-the-configured-key-000');

  const ok = connect({ 'x-api-key': TEST_API_KEY }).subscribe(EXECUTION, { id: runningId(g) });
  await ok.next(1);
  expect(ok.results[0]?.data).toEqual({ workflowExecution: { id: runningId(g), status: 'RUNNING' } });
});

test('pass-through mode: a connection without a bearer token closes with 4401', async () => {
  const g = await start('pass-through');
  expect(await connect({ Authorization: 'Basic abc' }).closed).toBe(4401);
  expect(g.tenant.requests).toEqual([]);
});

test('isolation: two tokens poll separately, and each subscriber sees only what its own token got', async () => {
  const g = await start('pass-through', { UPSTREAM_MAX_RETRIES: '0' });
  const other = g.tenant.addClient();
  const id = runningId(g);
  // The other caller's token is expired: SailPoint answers its polls 401, the first caller's with the execution.
  const expired = g.tenant.issueToken(other.clientId, -10);
  const mine = connect({ Authorization: g.defaultHeaders.authorization }).subscribe(EXECUTION, { id });
  const theirs = connect({ Authorization: `Bearer ${expired}` }).subscribe(EXECUTION, { id });
  await theirs.ended;
  await mine.next(1);
  expect(theirs.results).toEqual([
    {
      data: null,
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })],
    },
  ]);
  expect(theirs.completed).toBe(true);
  expect(mine.results[0]).toEqual({ data: { workflowExecution: { id, status: 'RUNNING' } } });
  // Two pollers, one per credential: the 401 went to the expired token's subscriber only.
  const clientsPolled = new Set(dataRequests(g).map((r) => r.status));
  expect(clientsPolled).toEqual(new Set([200, 401]));
  expect(g.logText()).not.toContain(expired);
});

test('an upstream failure is a GraphQL error with the query code, and the stream goes on after it', async () => {
  const g = await start('demo', { UPSTREAM_MAX_RETRIES: '0' });
  const id = runningId(g);
  g.tenant.addFault({ path: `/workflow-executions/v1/${id}`, status: 503, times: 3 });
  const sub = connect().subscribe(EXECUTION, { id });
  await sub.next(2);
  expect(sub.results).toEqual([
    {
      data: null,
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }) })],
    },
    { data: { workflowExecution: { id, status: 'RUNNING' } } },
  ]);
});

test('subscription documents get the query limits, and each connection at most its subscriptions', async () => {
  const g = await start('demo', { MAX_DEPTH: '3', LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2' });
  const client = connect();
  const deep = client.subscribe(
    `subscription { workflowExecution(id: "x") { workflow { owner { name } executions { nodes { id } } } } }`,
  );
  await deep.ended;
  expect(deep.error).toEqual([
    expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  ]);
  const bad = client.subscribe(`subscription { workflowExecution(id: "a b") { id } }`);
  await bad.ended;
  expect(bad.results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(dataRequests(g)).toEqual([]);

  const id = runningId(g);
  const a = client.subscribe(EXECUTION, { id });
  const b = client.subscribe(EXECUTION, { id });
  const c = client.subscribe(EXECUTION, { id });
  await c.ended;
  expect(c.error).toEqual([
    expect.objectContaining({ message: expect.stringContaining('LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION') }),
  ]);
  await Promise.all([a.next(1), b.next(1)]);
  expect(a.results).toHaveLength(1);
});

test('connections per caller are limited with 4430', async () => {
  await start('demo', { LIVE_MAX_CONNECTIONS_PER_CALLER: '1' });
  const first = connect();
  await first.subscribe(EXECUTION, { id: runningId(gw!) }).next(1);
  expect(await connect().closed).toBe(4430);
});

test('malformed protocol messages close that socket with the protocol code; the server keeps serving', async () => {
  const g = await start('demo', { LIVE_INIT_TIMEOUT_MS: '100' });
  const raw = (send?: string) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl(g.url), 'graphql-transport-ws');
      socket.on('open', () => send !== undefined && socket.send(send));
      socket.on('close', (code) => resolve(code));
    });
  expect(await raw('this is not json')).toBe(4400);
  expect(
    await raw(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: '{ __typename }' } })),
  ).toBe(4401);
  expect(await raw()).toBe(4408);
  const twice = JSON.stringify({ type: 'connection_init' });
  const socket = new WebSocket(wsUrl(g.url), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('open', () => {
    socket.send(twice);
    socket.send(twice);
  });
  expect(await closed).toBe(4429);

  const sub = connect().subscribe(EXECUTION, { id: runningId(g) });
  await sub.next(1);
  expect(sub.results[0]?.data).toBeDefined();
  await until(() => true, 'done');
});

test('a subscription sent over HTTP is refused without an upstream call (subscriptions are graphql-ws only)', async () => {
  const g = await start('demo');
  const result = await g.query(`subscription { workflowExecution(id: "x") { id } }`);
  expect({ status: result.status, code: result.body.errors?.[0]?.extensions?.code }).toEqual({
    status: 200,
    code: 'OPERATION_NOT_SUPPORTED',
  });
  expect(dataRequests(g)).toEqual([]);
});
