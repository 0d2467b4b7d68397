/**
 * `npm run bench`: the gateway against the direct REST calls a client would otherwise make, on loopback only,
 * against the demo tenant with 20 ms of injected latency per upstream response.
 *
 * - The demo tenant and the load generator run in this process; the gateway runs as a child process
 *   (`npm start`'s command: `node <its V8 flags> dist/index.js`), so its CPU time (/proc/<pid>/stat) and RSS
 *   (/proc/<pid>/status) are its own.
 * - Latency: sequential requests, gateway and REST variants interleaved per iteration (so drift affects both),
 *   warm-up first; gateway requests send `Cache-Control: no-cache`, so every one pays its upstream calls and the
 *   shared cache does not flatter the gateway.
 * - Throughput: the same S1 query without `no-cache` (the cached case) from 16 concurrent callers for 3 s.
 * - Targets are ratios within one run, so the machine's speed cancels out.
 *
 * Knobs (environment): BENCH_ITERATIONS (200), BENCH_WARMUP (20), BENCH_THROUGHPUT_MS (3000),
 * BENCH_CPU_PROF=1 (run the gateway with --cpu-prof; profiles in bench/results/profiles/), BENCH_NODE_ARGS (extra
 * node flags for the gateway process, space-separated), BENCH_SCENARIOS
 * (e.g. `S1`: only those scenarios, for profiling; targets of the others are left out).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoTenant, type DemoTenant } from '../src/demo-tenant/index.js';
import { startGatewayProcess, type GatewayProcess } from './gateway.js';
import { agent, cpuMs, getJson, request, rssMb, summarise, timed, type LatencySummary } from './lib.js';

const LATENCY_MS = 20;
const ITERATIONS = intEnv('BENCH_ITERATIONS', 200);
const WARMUP = intEnv('BENCH_WARMUP', 20);
const THROUGHPUT_MS = intEnv('BENCH_THROUGHPUT_MS', 3000);
const THROUGHPUT_CONCURRENCY = 16;
const CPU_QUERIES = intEnv('BENCH_CPU_QUERIES', 300);
const STARTUP_RUNS = 3;
/**
 * The tenant's limit, raised from SailPoint's 100 requests / 10 s: the bench sends thousands of requests in
 * seconds (S2's naive client alone sends 51 per iteration), and at the real limit it would measure 429s and
 * Retry-After waits instead of latency. The gateway's own pacing is raised likewise (UPSTREAM_RATE_LIMIT).
 */
const TENANT_RATE_LIMIT = { requests: 1_000_000, windowMs: 10_000 };

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
  extensions?: { upstream?: { requests: number; cacheHits: number; coalesced: number; durationMs: number } };
}

interface Variant {
  name: string;
  run: () => Promise<unknown>;
}

interface Scenario {
  id: 'S1' | 'S2' | 'S3';
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Checks the gateway's data, so a broken or empty answer cannot pass as fast. */
  check: (data: Record<string, unknown>) => void;
  /** The REST alternatives, by name; the first one is the baseline of the scenario's ratio target. */
  direct: Variant[];
  baseline: string;
}

interface ScenarioResult {
  id: string;
  title: string;
  gateway: LatencySummary;
  direct: Record<string, LatencySummary>;
  upstream: {
    /** `extensions.upstream.requests` of one no-cache query. */
    extensions: number;
    /** Requests of the gateway's client in the tenant log for that query. */
    tenantLog: number;
    /** Gateway requests in the tenant log over the whole measured loop, per query. */
    perQueryInLoop: number;
    /** Requests one iteration of each REST variant made. */
    direct: Record<string, number>;
  };
}

interface Target {
  id: string;
  description: string;
  measured: number;
  limit: string;
  pass: boolean;
  note?: string;
}

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
  // e.g. V8 heap flags to compare against `npm start`'s own.
  const extraNodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
  const profileDir = join(root, 'bench', 'results', 'profiles');
  if (profile) mkdirSync(profileDir, { recursive: true });

  const spawnGateway = (): Promise<GatewayProcess> =>
    startGatewayProcess({
      root,
      tenantUrl: tenant.url,
      credentials: tenant.credentials,
      apiKey,
      nodeArgs: [...extraNodeArgs, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
    });

  // Startup: a few cold starts (spawn to the first 200 from /healthz); the last one stays up for the rest.
  const startups: number[] = [];
  let gateway: GatewayProcess | undefined;
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const started = await spawnGateway();
    startups.push(Math.round(started.startupMs * 10) / 10);
    if (i < STARTUP_RUNS - 1) await started.stop();
    else gateway = started;
  }
  if (gateway === undefined) throw new Error('unreachable');
  const gw = gateway;
  const rssAfterStartup = rssMb(gw.pid);

  try {
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

    const base = tenant.url;
    const workflowId = tenant.data.busiestWorkflowId;
    const only = (process.env['BENCH_SCENARIOS'] ?? '').split(',').filter((id) => id !== '');
    const scenarios = buildScenarios(base, token, workflowId).filter(
      (s) => only.length === 0 || only.includes(s.id),
    );

    const results: ScenarioResult[] = [];
    let s1CpuMsPerQuery = Number.NaN;
    for (const scenario of scenarios) {
      // Upstream requests of one query, as the response reports them and as the tenant saw them.
      tenant.clearRequests();
      const probe = await gql(scenario, true);
      const tenantLog = gatewayRequests(tenant, gatewayClientId);
      const directCounts: Record<string, number> = {};
      for (const variant of scenario.direct) {
        tenant.clearRequests();
        await variant.run();
        directCounts[variant.name] = tenant.requests.filter(
          (r) => r.clientId === directClient.clientId && r.path !== '/oauth/token',
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
      const perQueryInLoop = gatewayRequests(tenant, gatewayClientId) / ITERATIONS;

      if (scenario.id === 'S1') {
        // Gateway CPU per query: sequential no-cache queries, nothing else running against the gateway.
        const before = cpuMs(gw.pid);
        for (let i = 0; i < CPU_QUERIES; i++) await gql(scenario, true);
        s1CpuMsPerQuery = Math.round(((cpuMs(gw.pid) - before) / CPU_QUERIES) * 1000) / 1000;
      }

      results.push({
        id: scenario.id,
        title: scenario.title,
        gateway: summarise(samples.get('gateway') ?? []),
        direct: Object.fromEntries(
          scenario.direct.map((v) => [v.name, summarise(samples.get(v.name) ?? [])]),
        ),
        upstream: {
          extensions: probe.extensions?.upstream?.requests ?? Number.NaN,
          tenantLog,
          perQueryInLoop: Math.round(perQueryInLoop * 100) / 100,
          direct: directCounts,
        },
      });
    }

    // Throughput of the cached S1 query: no `no-cache`, so the shared cache answers after the first call.
    const s1 = buildScenarios(base, token, workflowId)[0] as Scenario;
    await gql(s1, false);
    tenant.clearRequests();
    const throughputSamples: number[] = [];
    const deadline = performance.now() + THROUGHPUT_MS;
    const throughputStarted = performance.now();
    await Promise.all(
      Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
        while (performance.now() < deadline) throughputSamples.push(await timed(() => gql(s1, false)));
      }),
    );
    const throughputElapsed = performance.now() - throughputStarted;
    const throughput = {
      query: 'S1 (cached)',
      concurrency: THROUGHPUT_CONCURRENCY,
      durationMs: Math.round(throughputElapsed),
      queries: throughputSamples.length,
      queriesPerSecond: Math.round((throughputSamples.length / throughputElapsed) * 1000),
      latency: summarise(throughputSamples),
      upstreamRequests: gatewayRequests(tenant, gatewayClientId),
    };

    const rss = rssMb(gw.pid);
    const startupMedian = [...startups].sort((a, b) => a - b)[Math.floor(startups.length / 2)] ?? Number.NaN;
    const byId = (id: string): ScenarioResult | undefined => results.find((r) => r.id === id);
    /** p50 of the gateway over p50 of the scenario's baseline REST client. */
    const ratio = (id: string): number => {
      const r = byId(id);
      const baseline = scenarios.find((s) => s.id === id)?.baseline ?? '';
      if (r === undefined) return Number.NaN;
      return Math.round((r.gateway.p50 / (r.direct[baseline]?.p50 ?? Number.NaN)) * 1000) / 1000;
    };
    const s2 = byId('S2');
    const candidates: (Target & { scenario?: string })[] = [
      {
        id: 'S1.latency',
        scenario: 'S1',
        description: 'S1 gateway p50 / direct REST p50',
        measured: ratio('S1'),
        limit: '<= 1.10',
        pass: ratio('S1') <= 1.1,
      },
      {
        id: 'S1.cpu',
        scenario: 'S1',
        description: 'S1 gateway CPU ms per query',
        measured: s1CpuMsPerQuery,
        limit: '<= 1.5',
        pass: s1CpuMsPerQuery <= 1.5,
      },
      {
        id: 'S2.requests',
        scenario: 'S2',
        description: 'S2 upstream requests per query (extensions, tenant log, loop)',
        measured: s2?.upstream.extensions ?? Number.NaN,
        limit: '== 2',
        pass:
          s2 !== undefined &&
          s2.upstream.extensions === 2 &&
          s2.upstream.tenantLog === 2 &&
          s2.upstream.perQueryInLoop === 2,
      },
      {
        id: 'S2.latency',
        scenario: 'S2',
        description: 'S2 gateway p50 / careful REST p50',
        measured: ratio('S2'),
        limit: '<= 1.10',
        pass: ratio('S2') <= 1.1,
      },
      {
        id: 'S3.latency',
        scenario: 'S3',
        description: 'S3 gateway p50 / sequential REST p50',
        measured: ratio('S3'),
        limit: '<= 0.45',
        pass: ratio('S3') <= 0.45,
      },
      {
        id: 'rss',
        description: 'Gateway RSS after load (MB)',
        measured: rss,
        limit: '< 120',
        pass: rss < 120,
      },
      {
        id: 'startup',
        description: `Startup, spawn to first /healthz 200 (ms, median of ${STARTUP_RUNS})`,
        measured: startupMedian,
        limit: '< 1000',
        pass: startupMedian < 1000,
      },
    ];
    const targets: Target[] = candidates
      .filter((t) => t.scenario === undefined || byId(t.scenario) !== undefined)
      .map(({ scenario: _scenario, ...t }) => t);

    const output = {
      startedAt: new Date().toISOString(),
      environment: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: (await import('node:os')).cpus().length,
      },
      settings: {
        upstreamLatencyMs: LATENCY_MS,
        iterations: ITERATIONS,
        warmup: WARMUP,
        cpuQueries: CPU_QUERIES,
        tenantRateLimit: TENANT_RATE_LIMIT,
        tenantRateLimitNote:
          "raised from SailPoint's 100 requests / 10 s: the bench sends thousands of requests in seconds, and " +
          'at the real limit it would measure 429 waits, not latency (the gateway pacing is raised likewise)',
        gatewayCacheControl: 'no-cache for latency and CPU; none for throughput',
        profiled: profile,
      },
      startup: { runsMs: startups, medianMs: startupMedian },
      scenarios: results,
      s1CpuMsPerQuery,
      throughput,
      rssMbAfterStartup: rssAfterStartup,
      rssMbAfterLoad: rss,
      targets,
      benchWallMs: Math.round(performance.now() - wallStarted),
    };
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(output, null, 2)}\n`);
    print(output.settings, results, throughput, startups, rssAfterStartup, targets);
    const gatewayOutput = gw.output().trim();
    if (gatewayOutput !== '')
      console.log(`\nGateway warnings/errors during the run:\n${gatewayOutput.slice(0, 4000)}`);
    console.log(`\nResults: bench/results/latest.json (${(output.benchWallMs / 1000).toFixed(1)} s)`);
  } finally {
    await gw.stop();
    agent.destroy();
    await tenant.stop();
  }
}

function gatewayRequests(tenant: DemoTenant, clientId: string): number {
  return tenant.requests.filter((r) => r.clientId === clientId && r.path !== '/oauth/token').length;
}

interface ExecutionDto {
  id: string;
  workflowId?: string;
  status: string;
}
interface WorkflowDto {
  id: string;
  name: string;
  owner?: { name?: string };
}

function expectLength(data: unknown, length: number, what: string): void {
  if (!Array.isArray(data) || data.length !== length) {
    throw new Error(
      `${what}: expected ${length} items, got ${Array.isArray(data) ? data.length : typeof data}`,
    );
  }
}

function buildScenarios(base: string, token: string, workflowId: string): Scenario[] {
  const executionsUrl = `${base}/workflows/v1/${workflowId}/executions?limit=50&offset=0`;
  return [
    {
      id: 'S1',
      title: '50 trigger invocation statuses',
      query: `query S1 { triggerInvocationStatuses(first: 50) { nodes { id triggerId subscriptionName type created completed inFlight failed } } }`,
      variables: {},
      check: (data) =>
        expectLength((data['triggerInvocationStatuses'] as { nodes: unknown[] }).nodes, 50, 'S1 gateway'),
      baseline: 'direct',
      direct: [
        {
          name: 'direct',
          run: async () => {
            const items = await getJson<unknown[]>(
              `${base}/trigger-invocations/v1/status?limit=50&offset=0`,
              token,
            );
            expectLength(items, 50, 'S1 direct');
          },
        },
      ],
    },
    {
      id: 'S2',
      title: '50 executions of one workflow, each with workflow { name owner { name } }',
      query: `query S2($id: ID!) { workflow(id: $id) { executions(first: 50) { nodes { id status workflow { name owner { name } } } } } }`,
      variables: { id: workflowId },
      check: (data) => {
        const nodes = (
          data['workflow'] as { executions: { nodes: { workflow: WorkflowDto | null }[] } } | null
        )?.executions.nodes;
        expectLength(nodes, 50, 'S2 gateway');
        if (nodes?.some((n) => n.workflow?.name === undefined))
          throw new Error('S2 gateway: execution without workflow');
      },
      baseline: 'careful',
      direct: [
        {
          // The executions, then their workflows one GET each (concurrently): what a client writes first.
          name: 'naive',
          run: async () => {
            const executions = await getJson<ExecutionDto[]>(executionsUrl, token);
            expectLength(executions, 50, 'S2 naive');
            const joined = await Promise.all(
              executions.map(async (e) => ({
                ...e,
                workflow: await getJson<WorkflowDto>(`${base}/workflows/v1/${e.workflowId}`, token),
              })),
            );
            return joined;
          },
        },
        {
          // Executions and the workflow list concurrently, joined in the client.
          name: 'careful',
          run: async () => {
            const [executions, workflows] = await Promise.all([
              getJson<ExecutionDto[]>(executionsUrl, token),
              getJson<WorkflowDto[]>(`${base}/workflows/v1`, token),
            ]);
            expectLength(executions, 50, 'S2 careful');
            const byId = new Map(workflows.map((w) => [w.id, w]));
            return executions.map((e) => ({ ...e, workflow: byId.get(e.workflowId ?? '') ?? null }));
          },
        },
      ],
    },
    {
      id: 'S3',
      title: '600 account activities',
      query: `query S3 { accountActivities(first: 600) { nodes { id type modified } } }`,
      variables: {},
      check: (data) =>
        expectLength((data['accountActivities'] as { nodes: unknown[] }).nodes, 600, 'S3 gateway'),
      baseline: 'sequential',
      direct: [
        {
          // Pages of 250, one after the other (offset paging: each page is requested after the previous).
          name: 'sequential',
          run: async () => {
            const items: unknown[] = [];
            for (let offset = 0; offset < 600; offset += 250) {
              const limit = Math.min(250, 600 - offset);
              items.push(
                ...(await getJson<unknown[]>(
                  `${base}/account-activities/v1?limit=${limit}&offset=${offset}`,
                  token,
                )),
              );
            }
            expectLength(items, 600, 'S3 sequential');
          },
        },
      ],
    },
  ];
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => pad(cell, widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const ms = (v: number): string => v.toFixed(2);

function print(
  settings: { upstreamLatencyMs: number; iterations: number; warmup: number; tenantRateLimitNote: string },
  results: ScenarioResult[],
  throughput: {
    concurrency: number;
    durationMs: number;
    queries: number;
    queriesPerSecond: number;
    latency: LatencySummary;
    upstreamRequests: number;
  },
  startups: number[],
  rssAfterStartup: number,
  targets: Target[],
): void {
  console.log(
    `\nGateway vs direct REST, demo tenant with ${settings.upstreamLatencyMs} ms latency per response, ` +
      `${settings.iterations} sequential iterations after ${settings.warmup} warm-up (gateway with Cache-Control: no-cache).`,
  );
  console.log(`Tenant rate limit ${settings.tenantRateLimitNote}.\n`);
  const rows: string[][] = [['scenario', 'client', 'p50 ms', 'p90 ms', 'p99 ms', 'upstream req/query']];
  for (const r of results) {
    rows.push([
      `${r.id} ${r.title.slice(0, 40)}`,
      'gateway',
      ms(r.gateway.p50),
      ms(r.gateway.p90),
      ms(r.gateway.p99),
      `${r.upstream.extensions} (extensions), ${r.upstream.tenantLog} (tenant log), ${r.upstream.perQueryInLoop} (loop avg)`,
    ]);
    for (const [name, s] of Object.entries(r.direct)) {
      rows.push(['', `REST ${name}`, ms(s.p50), ms(s.p90), ms(s.p99), String(r.upstream.direct[name] ?? '')]);
    }
  }
  console.log(table(rows));
  console.log(
    `\nCached S1 throughput: ${throughput.queriesPerSecond} queries/s at concurrency ${throughput.concurrency} ` +
      `(${throughput.queries} in ${throughput.durationMs} ms; p50 ${ms(throughput.latency.p50)} ms, ` +
      `p99 ${ms(throughput.latency.p99)} ms; ${throughput.upstreamRequests} upstream requests)`,
  );
  console.log(`Startup runs (ms): ${startups.join(', ')}; gateway RSS after startup ${rssAfterStartup} MB\n`);
  const targetRows: string[][] = [['target', 'measured', 'limit', 'result']];
  for (const t of targets)
    targetRows.push([t.description, String(t.measured), t.limit, t.pass ? 'PASS' : 'MISS']);
  console.log(table(targetRows));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
