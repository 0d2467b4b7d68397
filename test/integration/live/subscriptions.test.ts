import { liveClient, until, type LiveClient } from '../../helpers/live.js';
import { metricValue, scrape } from '../../helpers/metrics.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * Subscriptions over real graphql-ws sockets against the real gateway and demo tenant: the execution now, its
 * change, completion after a terminal status, one poller per key for many subscribers (counted at the tenant),
 * and the poller stopping when the last subscriber leaves. A 20 ms interval; the tests count, they do not time.
 */

const EXECUTION = `subscription Watch($id: ID!) { workflowExecution(id: $id) { id status closeTime } }`;

let gw: TestGateway;
const clients: LiveClient[] = [];

beforeEach(async () => {
  gw = await startTestGateway({ env: { LIVE_POLL_INTERVAL_MS: '20' }, logLevel: 'warn' });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await gw.stop();
});

function connect(params: Record<string, unknown> = {}): LiveClient {
  const client = liveClient(gw.url, params);
  clients.push(client);
  return client;
}

function runningExecution() {
  const execution = gw.tenant.data.retainedExecutions.find((e) => e.status === 'Running');
  if (execution === undefined) throw new Error('seed has no running execution');
  return execution;
}

const executionPath = (id: string) => `/workflow-executions/v1/${id}`;
const pollsOf = (path: string) => gw.tenant.requests.filter((r) => r.path === path).length;

test('sends the execution now, then its change, then completes after the terminal status', async () => {
  const execution = runningExecution();
  const sub = connect().subscribe(EXECUTION, { id: execution.id });
  await sub.next(1);
  expect(sub.results[0]).toEqual({
    data: { workflowExecution: { id: execution.id, status: 'RUNNING', closeTime: null } },
  });
  // Several more polls of the unchanged execution make no event.
  const seen = pollsOf(executionPath(execution.id));
  await until(() => pollsOf(executionPath(execution.id)) >= seen + 3, 'three more polls');
  expect(sub.results).toHaveLength(1);

  const closeTime = '2026-12-04T10:00:00.123456789Z';
  gw.tenant.addFault({
    path: executionPath(execution.id),
    status: 200,
    body: { ...execution, status: 'Completed', closeTime },
  });
  await sub.ended;
  expect(sub.completed).toBe(true);
  expect(sub.results).toEqual([
    { data: { workflowExecution: { id: execution.id, status: 'RUNNING', closeTime: null } } },
    { data: { workflowExecution: { id: execution.id, status: 'COMPLETED', closeTime } } },
  ]);
});

test('100 subscribers of one execution share one poller, which stops when the last one leaves', async () => {
  const execution = runningExecution();
  const path = executionPath(execution.id);
  const subs = Array.from({ length: 10 }, () => connect()).flatMap((client) =>
    Array.from({ length: 10 }, () => client.subscribe(EXECUTION, { id: execution.id })),
  );
  await Promise.all(subs.map((s) => s.next(1)));
  let samples = await scrape(gw.origin);
  expect(metricValue(samples, 'live_pollers')).toBe(1);
  expect(metricValue(samples, 'live_subscriptions')).toBe(100);
  expect(metricValue(samples, 'live_connections')).toBe(10);

  const before = pollsOf(path);
  await until(() => pollsOf(path) >= before + 10, 'ten more polls');
  // Every request for the execution is a poll request (the tenant logs a request before the poller counts it).
  const tenantBefore = pollsOf(path);
  samples = await scrape(gw.origin);
  const tenantAfter = pollsOf(path);
  expect(metricValue(samples, 'live_poll_requests_total')).toBeGreaterThanOrEqual(tenantBefore);
  expect(metricValue(samples, 'live_poll_requests_total')).toBeLessThanOrEqual(tenantAfter);
  expect(metricValue(samples, 'live_pollers')).toBe(1);
  expect(subs.every((s) => s.results.length === 1)).toBe(true);

  gw.tenant.addFault({ path, status: 200, body: { ...execution, status: 'Failed', closeTime: null } });
  await Promise.all(subs.map((s) => s.ended));
  // Each subscriber got exactly its two events; the 100 made one request per poll between them.
  expect(subs.map((s) => s.results.length)).toEqual(subs.map(() => 2));
  samples = await scrape(gw.origin);
  expect(metricValue(samples, 'live_pollers')).toBe(0);
  expect(metricValue(samples, 'live_subscriptions')).toBe(0);
  expect(metricValue(samples, 'live_events_total')).toBe(200);

  // Stopped: no poll after the last subscriber left (one may have been in flight).
  const after = pollsOf(path);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(pollsOf(path)).toBeLessThanOrEqual(after + 1);
});

test('an unsubscribed client stops the poller; a new subscriber starts a fresh one', async () => {
  const execution = runningExecution();
  const path = executionPath(execution.id);
  const client = connect();
  const first = client.subscribe(EXECUTION, { id: execution.id });
  await first.next(1);
  first.unsubscribe();
  const samples = async () => metricValue(await scrape(gw.origin), 'live_pollers');
  let pollers = await samples();
  for (let i = 0; i < 100 && pollers !== 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    pollers = await samples();
  }
  expect(pollers).toBe(0);
  const stoppedAt = pollsOf(path);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(pollsOf(path)).toBeLessThanOrEqual(stoppedAt + 1);

  const second = client.subscribe(EXECUTION, { id: execution.id });
  await second.next(1);
  expect(second.results[0]?.data).toEqual({
    workflowExecution: { id: execution.id, status: 'RUNNING', closeTime: null },
  });
});
