/**
 * The measurements of one scenario against the running gateway and the direct REST client: latency and upstream
 * request counts, gateway CPU per execution, and executions per second under concurrency. Apart from run.ts,
 * which starts and stops processes and writes the report, so the measuring order (warm-up, interleaving,
 * no-cache) reads in one place.
 */
import type { DemoTenant } from '../src/demo-tenant/index.js';
import { cpuMs, round, summarise, timed } from './lib.js';
import type { LatencyRow } from './report.js';
import type { Scenario, Variant } from './scenarios.js';
import { CPU_QUERIES, ITERATIONS, THROUGHPUT_CONCURRENCY, THROUGHPUT_MS, WARMUP } from './settings.js';

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
  extensions?: { upstream?: { requests: number; responseCache?: string } };
}

/** What the measurements drive: the tenant (and its request log) and a GraphQL call to the current gateway. */
export interface Bench {
  tenant: DemoTenant;
  /** The direct REST client's id, which tells its requests in the tenant log from the gateway's. */
  directClientId: string;
  gql: (scenario: Scenario, noCache: boolean) => Promise<GraphQLBody>;
  /** Data requests (not token calls) the gateway sent since the tenant log was last cleared. */
  gatewayRequests: () => number;
}

export interface FreshRate {
  gateway: number;
  direct: number;
  ratio: number;
  cpuMsPerExec: number;
}

export interface RepeatedRate {
  perSecond: number;
  upstreamRequests: number;
  outcome: string;
}

/** Executions per second of `run` from `concurrency` loops for `durationMs`. */
async function throughput(run: () => Promise<unknown>, concurrency: number, durationMs: number) {
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) samples.push(await timed(run));
    }),
  );
  const elapsed = performance.now() - started;
  return { executions: samples.length, perSecond: Math.round((samples.length / elapsed) * 1000 * 10) / 10 };
}

/** Sequential latency of the gateway and each direct variant, interleaved, with their upstream request counts. */
export async function measureLatency(bench: Bench, scenario: Scenario): Promise<LatencyRow> {
  const { tenant, gql, gatewayRequests } = bench;
  tenant.clearRequests();
  const probe = await gql(scenario, true);
  const tenantLog = gatewayRequests();
  const directCounts: Record<string, number> = {};
  for (const variant of scenario.direct) {
    tenant.clearRequests();
    await variant.run();
    directCounts[variant.name] = tenant.requests.filter(
      (r) => r.clientId === bench.directClientId && r.path !== '/oauth/token',
    ).length;
  }
  const variants: Variant[] = [{ name: 'gateway', run: () => gql(scenario, true) }, ...scenario.direct];
  for (let i = 0; i < WARMUP; i++) for (const v of variants) await v.run();
  tenant.clearRequests();
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < ITERATIONS; i++) {
    // Rotate the order each iteration so no variant always runs right after another.
    for (let j = 0; j < variants.length; j++) {
      const v = variants[(i + j) % variants.length] as Variant;
      samples.get(v.name)?.push(await timed(v.run));
    }
  }
  const perQueryInLoop = gatewayRequests() / ITERATIONS;
  return {
    id: scenario.id,
    title: scenario.title,
    gateway: summarise(samples.get('gateway') ?? []),
    direct: Object.fromEntries(scenario.direct.map((v) => [v.name, summarise(samples.get(v.name) ?? [])])),
    upstream: {
      extensions: probe.extensions?.upstream?.requests ?? Number.NaN,
      tenantLog,
      perQueryInLoop: Math.round(perQueryInLoop * 100) / 100,
      direct: directCounts,
    },
  };
}

/** Gateway CPU per execution (sequential, then under load) and fresh exec/s against the baseline REST client. */
export async function measureLoad(
  bench: Bench,
  scenario: Scenario,
  pid: number,
): Promise<{ cpuMsPerExec: number; fresh: FreshRate }> {
  const { gql } = bench;
  // Gateway CPU per execution: sequential no-cache executions, nothing else running against the gateway.
  const count = scenario.id === 'S1' ? CPU_QUERIES : Math.max(1, Math.round(CPU_QUERIES / 3));
  const before = cpuMs(pid);
  for (let i = 0; i < count; i++) await gql(scenario, true);
  const cpuMsPerExec = round((cpuMs(pid) - before) / count);

  // Fresh executions per second under concurrency, against the baseline REST client at the same concurrency.
  const baseline = scenario.direct.find((v) => v.name === scenario.baseline) as Variant;
  const cpuBefore = cpuMs(pid);
  const gatewayRate = await throughput(() => gql(scenario, true), THROUGHPUT_CONCURRENCY, THROUGHPUT_MS);
  const cpuUnderLoad = (cpuMs(pid) - cpuBefore) / Math.max(1, gatewayRate.executions);
  const directRate = await throughput(baseline.run, THROUGHPUT_CONCURRENCY, THROUGHPUT_MS);
  return {
    cpuMsPerExec,
    fresh: {
      gateway: gatewayRate.perSecond,
      direct: directRate.perSecond,
      ratio: round(gatewayRate.perSecond / directRate.perSecond),
      cpuMsPerExec: round(cpuUnderLoad),
    },
  };
}

/** The same S1 query from the same caller, answered by the whole-operation response cache. */
export async function measureRepeated(bench: Bench, s1: Scenario): Promise<RepeatedRate> {
  const { tenant, gql, gatewayRequests } = bench;
  await gql(s1, false);
  const outcome = (await gql(s1, false)).extensions?.upstream?.responseCache ?? 'none';
  tenant.clearRequests();
  const rate = await throughput(() => gql(s1, false), THROUGHPUT_CONCURRENCY, THROUGHPUT_MS);
  return { perSecond: rate.perSecond, upstreamRequests: gatewayRequests(), outcome };
}
