import { startTestGateway, TEST_API_KEY, type QueryResult, type TestGateway } from '../../helpers/gateway.js';

/**
 * Fair sharing of the one SailPoint budget that service-mode callers share (UPSTREAM_CALLER_SHARE_PERCENT,
 * UPSTREAM_CALLER_CONCURRENCY): a heavy caller running 41-call queries in four loops, and a light caller asking
 * for one list, over real HTTP. Counted, not timed: upstream arrival order in the tenant's log, in-flight
 * overlap, and RATE_LIMITED errors. The budget is 50 per 2 s and the operation deadline 1.5 s, so a request that
 * has to wait a whole window fails at once with RATE_LIMITED instead of queueing.
 */

const LIGHT_KEY = 'test-gateway-api-key-light';
/** 41 upstream calls; each loop asks for a different page size, so the loops' calls are not coalesced. */
const heavyQuery = (loop: number) =>
  `{ workflows(first: 40) { nodes { id executions(first: ${loop + 1}) { nodes { id } } } } }`;
const LIGHT_QUERY = '{ triggerInvocationStatuses(first: 1) { nodes { id } } }';
const NO_CACHE = { 'cache-control': 'no-cache' };

async function start(fairness: Record<string, string>): Promise<TestGateway> {
  return startTestGateway({
    mode: 'service',
    logLevel: 'warn',
    // The tenant itself never refuses: what is counted is the gateway's own pacing.
    tenant: { latencyMs: 50, rateLimit: { requests: 100_000, windowMs: 10_000 } },
    env: {
      GATEWAY_API_KEYS: `${TEST_API_KEY},${LIGHT_KEY}`,
      UPSTREAM_RATE_LIMIT: '50/2s',
      REQUEST_TIMEOUT_MS: '1500',
      ...fairness,
    },
  });
}

const isLight = (path: string) => path.includes('trigger-invocations');
const dataRequests = (gw: TestGateway) =>
  gw.tenant.requests.filter((r) => r.path !== '/oauth/token').sort((a, b) => a.at - b.at);

const codes = (result: QueryResult<unknown>): string[] =>
  (result.body.errors ?? []).map((e) => String(e.extensions?.code));

/** Four heavy loops of `iterations` queries each; resolves with every result. */
function heavyLoad(gw: TestGateway, iterations: number): Promise<QueryResult<unknown>[]> {
  return Promise.all(
    Array.from({ length: 4 }, async (_, loop) => {
      const results: QueryResult<unknown>[] = [];
      for (let i = 0; i < iterations; i++)
        results.push(await gw.query(heavyQuery(loop), undefined, NO_CACHE));
      return results;
    }),
  ).then((all) => all.flat());
}

/** Resolves once the tenant has answered `count` data requests (polls the log; no time bound asserted). */
async function untilUpstream(gw: TestGateway, count: number): Promise<void> {
  for (let i = 0; i < 2000 && dataRequests(gw).length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Most heavy requests the tenant was answering at once (each lasts its arrival plus its injected delay). */
function maxOverlap(requests: { at: number; delayedMs?: number }[]): number {
  const edges = requests.flatMap((r) => [
    { t: r.at, d: 1 },
    { t: r.at + (r.delayedMs ?? 0), d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let open = 0;
  let max = 0;
  for (const edge of edges) max = Math.max(max, (open += edge.d));
  return max;
}

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

describe('one SailPoint budget shared by a heavy and a light caller', () => {
  it('with the fair share, the light caller is served next and never RATE_LIMITED', async () => {
    gw = await start({ UPSTREAM_CALLER_SHARE_PERCENT: '60', UPSTREAM_CALLER_CONCURRENCY: '10' });
    const heavy = heavyLoad(gw, 2);
    // The heavy caller has used its whole share (60 % of 50) of this window.
    await untilUpstream(gw, 30);
    const light: QueryResult<unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      const before = dataRequests(gw).length;
      const result = await gw.query(LIGHT_QUERY, undefined, { ...NO_CACHE, 'x-api-key': LIGHT_KEY });
      light.push(result);
      const log = dataRequests(gw);
      const position = log.findIndex((r, index) => index >= before && isLight(r.path));
      // Only heavy requests already in flight (at most its concurrency cap) arrived before the light one.
      expect(position).toBeGreaterThanOrEqual(before);
      expect(position - before).toBeLessThanOrEqual(10);
    }
    const heavyResults = await heavy;
    expect(light.flatMap(codes)).toEqual([]);
    expect(light.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // The heavy caller is the one held back: by its share (RATE_LIMITED), and by its concurrency cap (a request
    // still waiting for one of its own slots at the deadline is UPSTREAM_TIMEOUT).
    const heavyCodes = new Set(heavyResults.flatMap(codes));
    expect(heavyCodes).toContain('RATE_LIMITED');
    expect([...heavyCodes].filter((c) => c !== 'RATE_LIMITED' && c !== 'UPSTREAM_TIMEOUT')).toEqual([]);
    const heavyRequests = dataRequests(gw).filter((r) => !isLight(r.path));
    expect(maxOverlap(heavyRequests)).toBeLessThanOrEqual(10);
  });
});
