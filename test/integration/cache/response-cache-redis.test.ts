import { loadConfig } from '../../../src/config/index.js';
import { createGateway, type Gateway } from '../../../src/gateway.js';
import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { memoryLogger } from '../../helpers/gateway.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';

/**
 * The response cache on Redis (CACHE_URL): two replicas share one caller's cached operation, and still never
 * serve it to another caller.
 */

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;

const QUERY = '{ workflows(first: 2) { nodes { id name } } }';

describeRedis(available ? 'response cache on redis-server' : `redis: ${REDIS_SKIP_REASON}`, () => {
  let redis: RedisServer;
  let tenant: DemoTenant;
  const gateways: Gateway[] = [];

  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    tenant = await startDemoTenant({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await tenant.stop();
    await redis.stop();
  });

  async function replica(): Promise<Gateway> {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'test',
      SAILPOINT_BASE_URL: tenant.url,
      CACHE_URL: redis.url,
      RESPONSE_CACHE_FIELDS: 'Query.workflows=30',
    });
    const gateway = await createGateway(config, { logger: memoryLogger('warn').logger });
    gateways.push(gateway);
    return gateway;
  }

  async function post(gateway: Gateway, token: string): Promise<{ text: string; outcome: unknown }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as {
      data: unknown;
      extensions: { upstream: { responseCache?: string } };
    };
    return { text: JSON.stringify(body.data), outcome: body.extensions.upstream.responseCache };
  }

  test('one replica answers from what the other cached for the same caller; another caller misses', async () => {
    const [a, b] = [await replica(), await replica()];
    const token = tenant.issueToken();
    tenant.clearRequests();
    const first = await post(a, token);
    expect(first.outcome).toBe('miss');
    // Redis writes are not awaited by the response; wait until it holds the entry.
    for (let i = 0; i < 100; i++) {
      const probe = await post(b, token);
      if (probe.outcome === 'hit') {
        expect(probe.text).toBe(first.text);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (i === 99) throw new Error('replica b never saw the entry');
    }
    const lists = tenant.requests.filter((r) => r.path === '/workflows/v1').length;

    const other = await post(b, tenant.issueToken(tenant.addClient().clientId));
    expect(other.outcome).toBe('miss');
    expect(tenant.requests.filter((r) => r.path === '/workflows/v1').length).toBe(lists + 1);
  });
});
