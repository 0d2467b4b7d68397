import { loadConfig } from '../../../src/config/index.js';
import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { createGateway, type Gateway } from '../../../src/gateway.js';
import { memoryLogger } from '../../helpers/gateway.js';
import { liveClient, until, type LiveClient, type Recorded } from '../../helpers/live.js';
import { metricValue, scrape } from '../../helpers/metrics.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';

/**
 * Two gateways sharing one real Redis and one demo tenant: one poller for a key across both (the other follows
 * its published snapshots), takeover when the polling replica stops, and every replica polling for itself when
 * Redis goes away, with each subscriber getting each change exactly once throughout.
 */

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;
const EXECUTION = `subscription Watch($id: ID!) { workflowExecution(id: $id) { id status closeTime } }`;

describeRedis(
  available ? 'live subscriptions across replicas' : `live replicas: ${REDIS_SKIP_REASON}`,
  () => {
    let redis: RedisServer;
    let tenant: DemoTenant;
    let gateways: Gateway[];
    const clients: LiveClient[] = [];

    beforeEach(async () => {
      redis = (await startRedis())!;
      tenant = await startDemoTenant({ port: 0, host: '127.0.0.1' });
      const config = loadConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        NODE_ENV: 'test',
        CACHE_URL: redis.url,
        LIVE_POLL_INTERVAL_MS: '20',
        LIVE_LEASE_MS: '1000',
        // A loaded machine must not turn a slow Redis reply into a Redis outage (each replica polling alone).
        CACHE_COMMAND_TIMEOUT_MS: '3000',
      });
      gateways = await Promise.all(
        [0, 1].map(() => createGateway(config, { logger: memoryLogger('warn').logger, demoTenant: tenant })),
      );
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
      await Promise.all(gateways.map((g) => g.stop()));
      await tenant.stop();
      await redis.stop();
    });

    const execution = () => tenant.data.retainedExecutions.find((e) => e.status === 'Running')!;
    const path = (id: string) => `/workflow-executions/v1/${id}`;
    const polls = (id: string) => tenant.requests.filter((r) => r.path === path(id)).length;
    const pollRequests = async (g: Gateway) =>
      metricValue(await scrape(g.origin), 'live_poll_requests_total');

    function subscribers(g: Gateway, n: number, id: string): Recorded[] {
      const client = liveClient(g.url);
      clients.push(client);
      return Array.from({ length: n }, () => client.subscribe(EXECUTION, { id }));
    }

    test('one replica polls a key for the subscribers of both; each gets each change once', async () => {
      const { id } = execution();
      const subs = [...subscribers(gateways[0]!, 5, id), ...subscribers(gateways[1]!, 5, id)];
      await Promise.all(subs.map((s) => s.next(1)));
      const before = await Promise.all(gateways.map(pollRequests));
      const tenantBefore = polls(id);
      await until(() => polls(id) >= tenantBefore + 20, 'twenty more polls');
      const after = await Promise.all(gateways.map(pollRequests));
      const grew = after.map((n, i) => n - before[i]!);
      // Exactly one replica polled in that span, and all the tenant's requests for the key were its polls.
      expect(grew.filter((n) => n > 0)).toHaveLength(1);
      expect(Math.max(...grew)).toBeGreaterThanOrEqual(20);

      const e = execution();
      tenant.addFault({
        path: path(id),
        status: 200,
        body: { ...e, status: 'Completed', closeTime: e.startTime },
      });
      await Promise.all(subs.map((s) => s.ended));
      expect(
        subs.map((s) => s.results.map((r) => (r.data?.workflowExecution as { status: string }).status)),
      ).toEqual(subs.map(() => ['RUNNING', 'COMPLETED']));
    });

    test('when the polling replica stops, the other takes over and its subscribers get the next change', async () => {
      const { id } = execution();
      const subs = gateways.map((g) => subscribers(g, 3, id));
      await Promise.all(subs.flat().map((s) => s.next(1)));
      const tenantBefore = polls(id);
      await until(() => polls(id) >= tenantBefore + 5, 'polls');
      const counts = await Promise.all(gateways.map(pollRequests));
      const leader = counts[0]! >= counts[1]! ? 0 : 1;
      const follower = 1 - leader;
      await gateways[leader]!.stop();

      const followerBefore = await pollRequests(gateways[follower]!);
      const e = execution();
      tenant.addFault({
        path: path(id),
        status: 200,
        body: { ...e, status: 'Failed', closeTime: e.startTime },
      });
      await Promise.all(subs[follower]!.map((s) => s.ended));
      expect(await pollRequests(gateways[follower]!)).toBeGreaterThan(followerBefore);
      expect(subs[follower]!.map((s) => s.results.length)).toEqual([2, 2, 2]);
      expect(subs[follower]![0]!.results[1]?.data).toEqual({
        workflowExecution: { id, status: 'FAILED', closeTime: e.startTime },
      });
    });

    test('without Redis each replica polls for itself, and no subscriber loses or repeats an event', async () => {
      const { id } = execution();
      const subs = gateways.map((g) => subscribers(g, 3, id));
      await Promise.all(subs.flat().map((s) => s.next(1)));
      await redis.kill();
      const before = await Promise.all(gateways.map(pollRequests));
      const tenantBefore = polls(id);
      await until(() => polls(id) >= tenantBefore + 20, 'polls without Redis');
      const after = await Promise.all(gateways.map(pollRequests));
      expect(after.every((n, i) => n > before[i]!)).toBe(true);

      const e = execution();
      tenant.addFault({
        path: path(id),
        status: 200,
        body: { ...e, status: 'Canceled', closeTime: e.startTime },
      });
      await Promise.all(subs.flat().map((s) => s.ended));
      expect(subs.flat().map((s) => s.results.length)).toEqual(subs.flat().map(() => 2));
      expect(subs.flat().every((s) => s.completed)).toBe(true);
    });
  },
);
