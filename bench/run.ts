/**
 * `npm run bench`: the gateway against the direct REST calls a client would otherwise make, on loopback only,
 * against the demo tenant with 20 ms of injected latency per upstream response. Every target is a ratio against
 * the direct-REST client measured in the same run (so the machine's speed cancels out), or CPU of the gateway
 * process per execution.
 *
 * - The demo tenant and the load generator run in this process; the gateway runs as a child process
 *   (`npm start`'s command: `node <its V8 flags> dist/index.js`), so its CPU time (/proc/<pid>/stat: user + system
 *   of all its threads, GC helpers included) and RSS are its own.
 * - Latency: sequential requests, gateway and REST variants interleaved per iteration (so drift affects both),
 *   warm-up first; gateway requests send `Cache-Control: no-cache`, so every one pays its upstream calls.
 * - CPU ms/exec: sequential no-cache executions with nothing else running against the gateway, and the same
 *   during the concurrent run below. Both are reported: on this VM a process woken from idle for every request
 *   pays several times the CPU of one kept busy (scheduler wake-ups and loopback socket writes that wake the
 *   peer), so the sequential figure is mostly the machine's and the loaded one mostly the gateway's.
 * - Fresh exec/s: `THROUGHPUT_CONCURRENCY` concurrent callers for `BENCH_THROUGHPUT_MS`, gateway with no-cache
 *   (what a caller with a fresh token gets: nothing cached for it) against the same number of direct clients.
 * - Repeated exec/s: the same S1 query from the same caller, on a second gateway process with
 *   RESPONSE_CACHE_FIELDS set (the whole-operation cache answers), at the same concurrency.
 *
 * Knobs (environment): BENCH_ITERATIONS (200), BENCH_WARMUP (20), BENCH_THROUGHPUT_MS (3000), BENCH_CPU_QUERIES
 * (300 for S1; S3 runs a third), BENCH_CPU_PROF=1 (run the gateway with --cpu-prof; profiles in
 * bench/results/profiles/), BENCH_NODE_ARGS (extra node flags for the gateway, space-separated), BENCH_SCENARIOS
 * (e.g. `S1`: only those scenarios; targets of the others are left out).
 *
 * This file starts and stops the processes and writes the report; the knobs are read in settings.ts, the
 * measuring is in measure.ts, the limits in targets.ts, the queries in scenarios.ts, the gateway child process in
 * gateway.ts, tables in report.ts and small helpers in lib.ts. soak.ts and floor.ts are the other benches.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startDemoTenant } from '../src/demo-tenant/index.js';
import { startGatewayProcess, type GatewayProcess } from './gateway.js';
import { agent, request, rssMb } from './lib.js';
import {
  measureLatency,
  measureLoad,
  measureRepeated,
  type Bench,
  type FreshRate,
  type GraphQLBody,
  type RepeatedRate,
} from './measure.js';
import { latencyTable, targetTable, type LatencyRow } from './report.js';
import { buildScenarios, type Scenario } from './scenarios.js';
import {
  CPU_QUERIES,
  ITERATIONS,
  LATENCY_MS,
  RESPONSE_CACHE_FIELDS,
  STARTUP_RUNS,
  TENANT_RATE_LIMIT,
  THROUGHPUT_CONCURRENCY,
  THROUGHPUT_MS,
  WARMUP,
} from './settings.js';
import { benchTargets } from './targets.js';

async function main(): Promise<void> {
  const root = process.cwd();
  const wallStarted = performance.now();
  const tenant = await startDemoTenant({
    port: 0,
    host: '127.0.0.1',
    latencyMs: LATENCY_MS,
    rateLimit: TENANT_RATE_LIMIT,
  });
  // The direct REST client gets its own client id, so the tenant log tells its requests from the gateway's.
  const directClient = tenant.addClient();
  const token = tenant.issueToken(directClient.clientId);
  const apiKey = randomBytes(24).toString('base64url');
  const gatewayClientId = tenant.credentials.clientId;
  const profile = process.env['BENCH_CPU_PROF'] === '1';
  const extraNodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
  const profileDir = join(root, 'bench', 'results', 'profiles');
  if (profile) mkdirSync(profileDir, { recursive: true });
  const spawnGateway = (env: Record<string, string> = {}): Promise<GatewayProcess> =>
    startGatewayProcess({
      root,
      tenantUrl: tenant.url,
      credentials: tenant.credentials,
      apiKey,
      env,
      nodeArgs: [...extraNodeArgs, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
    });
  const gatewayRequests = (): number =>
    tenant.requests.filter((r) => r.clientId === gatewayClientId && r.path !== '/oauth/token').length;

  // Startup: cold starts (spawn of `node dist/index.js` to the first 200 from /healthz); the last one stays up.
  const startups: number[] = [];
  let gateway: GatewayProcess | undefined;
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const started = await spawnGateway();
    startups.push(Math.round(started.startupMs * 10) / 10);
    if (i < STARTUP_RUNS - 1) await started.stop();
    else gateway = started;
  }
  if (gateway === undefined) throw new Error('unreachable');
  let gw: GatewayProcess = gateway;
  const rssAfterStartup = rssMb(gw.pid);

  const gql = async (scenario: Scenario, noCache: boolean): Promise<GraphQLBody> => {
    const res = await request(`${gw.origin}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': apiKey,
        ...(noCache ? { 'cache-control': 'no-cache' } : {}),
      },
      body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
    });
    const body = JSON.parse(res.body) as GraphQLBody;
    if (res.status !== 200 || body.errors !== undefined || !body.data) {
      throw new Error(`${scenario.id}: gateway HTTP ${res.status}: ${res.body.slice(0, 300)}`);
    }
    scenario.check(body.data);
    return body;
  };

  const bench: Bench = { tenant, directClientId: directClient.clientId, gql, gatewayRequests };

  try {
    const only = (process.env['BENCH_SCENARIOS'] ?? '').split(',').filter((id) => id !== '');
    const all = buildScenarios(tenant.url, token, tenant.data.busiestWorkflowId);
    const scenarios = all.filter((s) => only.length === 0 || only.includes(s.id));
    const results: LatencyRow[] = [];
    const cpuPerExec: Record<string, number> = {};
    const fresh: Record<string, FreshRate> = {};

    for (const scenario of scenarios) {
      results.push(await measureLatency(bench, scenario));
      if (scenario.id === 'S2') continue;
      const load = await measureLoad(bench, scenario, gw.pid);
      cpuPerExec[scenario.id] = load.cpuMsPerExec;
      fresh[scenario.id] = load.fresh;
    }
    const rssAfterLoad = rssMb(gw.pid);
    const output = gw.output().trim();
    await gw.stop();

    // Repeated: the same S1 query, same caller, no no-cache, answered by the whole-operation response cache.
    let repeated: RepeatedRate | undefined;
    const s1 = all[0] as Scenario;
    if (fresh['S1'] !== undefined) {
      gw = await spawnGateway({ RESPONSE_CACHE_FIELDS });
      repeated = await measureRepeated(bench, s1);
      await gw.stop();
    }

    const startupMedian = [...startups].sort((a, b) => a - b)[Math.floor(startups.length / 2)] ?? Number.NaN;
    const targets = benchTargets({ results, all, cpuPerExec, fresh, repeated, rssAfterLoad, startupMedian });

    const report = {
      startedAt: new Date().toISOString(),
      environment: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
      },
      settings: {
        upstreamLatencyMs: LATENCY_MS,
        iterations: ITERATIONS,
        warmup: WARMUP,
        cpuQueries: CPU_QUERIES,
        throughputMs: THROUGHPUT_MS,
        throughputConcurrency: THROUGHPUT_CONCURRENCY,
        tenantRateLimit: TENANT_RATE_LIMIT,
        profiled: profile,
        nodeArgs: extraNodeArgs,
      },
      startup: { runsMs: startups, medianMs: startupMedian },
      scenarios: results,
      cpuMsPerExec: cpuPerExec,
      fresh,
      repeated,
      rssMbAfterStartup: rssAfterStartup,
      rssMbAfterLoad: rssAfterLoad,
      targets,
      benchWallMs: Math.round(performance.now() - wallStarted),
    };
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `\nGateway vs direct REST, demo tenant with ${LATENCY_MS} ms latency per response, ${ITERATIONS} sequential ` +
        `iterations after ${WARMUP} warm-up (gateway with Cache-Control: no-cache); tenant and gateway rate limits ` +
        'raised (at 100 / 10 s the bench would measure 429 waits).\n',
    );
    console.log(latencyTable(results));
    console.log('');
    for (const [id, f] of Object.entries(fresh)) {
      console.log(
        `${id} fresh exec/s at concurrency ${THROUGHPUT_CONCURRENCY}: gateway ${f.gateway}, direct ${f.direct} ` +
          `(${f.ratio}x); gateway CPU ${f.cpuMsPerExec} ms/exec under that load, ${cpuPerExec[id]} ms/exec sequential`,
      );
    }
    if (repeated !== undefined) {
      console.log(
        `S1 repeated (same caller, RESPONSE_CACHE_FIELDS=${RESPONSE_CACHE_FIELDS}): ${repeated.perSecond} exec/s, ` +
          `${repeated.upstreamRequests} upstream requests, responseCache=${repeated.outcome}`,
      );
    }
    console.log(`Startup runs (ms): ${startups.join(', ')}; RSS after startup ${rssAfterStartup} MiB\n`);
    console.log(targetTable(targets));
    if (output !== '') console.log(`\nGateway warnings/errors during the run:\n${output.slice(0, 4000)}`);
    console.log(`\nResults: bench/results/latest.json (${(report.benchWallMs / 1000).toFixed(1)} s)`);
  } finally {
    await gw.stop();
    agent.destroy();
    await tenant.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
