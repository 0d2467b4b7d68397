// One caller's answers are only ever its own under concurrent mixed-caller load, with the in-memory store and
// with redis-server.
import type { QueryResult, TestGateway } from '../../helpers/gateway.js';
import { startRedis, type RedisServer } from '../../helpers/redis.js';
import {
  available,
  dataRequests,
  identitiesWithActivities,
  MY_ACTIVITIES,
  newCaller,
  passThroughGateway,
  sleep,
  type ActivitiesData,
  type Caller,
} from './support.js';

/** One caller's answers must only ever be its own, under concurrent mixed-caller load, with either store. */
describe.each([
  ['memory', false],
  ['redis', true],
] as const)('isolation under concurrent mixed-caller load (%s store)', (_name, withRedis) => {
  const run = withRedis && !available ? test.skip : test;
  let redis: RedisServer | null = null;
  let gw: TestGateway;

  beforeAll(async () => {
    if (withRedis && !available) return;
    redis = withRedis ? await startRedis() : null;
    gw = await passThroughGateway(redis ? { CACHE_URL: redis.url } : {});
  });

  afterAll(async () => {
    await gw?.stop();
    await redis?.stop();
  });

  run('4 callers x 3 rounds of interleaved identical queries never see each other’s data', async () => {
    const identities = identitiesWithActivities(gw.tenant, 4);
    const callers = identities.map((id) => newCaller(gw, id));
    gw.tenant.setLatency(30);
    const rounds = 3;
    const jobs: Promise<{ caller: Caller; result: QueryResult<ActivitiesData> }>[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let copy = 0; copy < 3; copy++) {
        for (const caller of callers) {
          const headers =
            copy === 2 && round === 1 ? { ...caller.headers, 'cache-control': 'no-cache' } : caller.headers;
          jobs.push(
            gw
              .query<ActivitiesData>(MY_ACTIVITIES, undefined, headers)
              .then((result) => ({ caller, result })),
          );
        }
      }
      await sleep(40);
    }
    const answers = await Promise.all(jobs);
    expect(answers).toHaveLength(rounds * 3 * callers.length);
    const seen = new Map<string, string>();
    for (const { caller, result } of answers) {
      expect(result.body.errors).toBeUndefined();
      const nodes = result.body.data!.accountActivities.nodes;
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        expect(node.target?.identityId).toBe(caller.identityId);
        // No activity id ever shows up for two callers.
        expect(seen.get(node.id) ?? caller.clientId).toBe(caller.clientId);
        seen.set(node.id, caller.clientId);
      }
    }
    // Each caller paid for its own data at least once and far less than once per query.
    for (const caller of callers) {
      const count = dataRequests(gw.tenant, caller.clientId).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(rounds + 1);
    }
  });
});
