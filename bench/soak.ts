/**
 * `npm run bench:soak [-- --seconds=N]` (default 300): memory of the gateway under a long mixed load. The gateway
 * runs as a child process (`npm start`'s node flags) in pass-through mode, so every token is its own caller with
 * its own cache partition; 50 concurrent connections send a mix of S1 (half with no-cache), S2, S3 and a cacheable
 * workflows query (RESPONSE_CACHE_FIELDS), from a pool of tokens that keeps gaining fresh ones. Every few seconds
 * it samples the gateway's RSS (/proc) and V8 heap (`/metrics`), then prints the plateau (median RSS of the last
 * half) and the slope of a least-squares line over the last half, and whether that half is flat.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoTenant } from '../src/demo-tenant/index.js';
import { startGatewayProcess } from './gateway.js';
import { agent, request, rssMb, sleep } from './lib.js';
import { table } from './report.js';
import { buildScenarios } from './scenarios.js';

const CONNECTIONS = 50;
const SAMPLE_MS = 5000;
/** A fresh caller joins this often, so per-caller state (cache partitions, pacing logs) keeps arriving. */
const NEW_TOKEN_MS = 1000;
/** The last half is flat when its fitted line rises less than this over the half. */
const FLAT_MIB = 5;
const PLATEAU_LIMIT_MIB = 150;

function seconds(): number {
  const arg = process.argv.find((a) => a.startsWith('--seconds='));
  const value = Number(arg?.slice('--seconds='.length) ?? 300);
  if (!Number.isFinite(value) || value < 10) throw new Error('--seconds must be a number >= 10');
  return value;
}

/** Slope (per second) of the least-squares line through the points. */
function slope(points: readonly { t: number; v: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const mv = points.reduce((a, p) => a + p.v, 0) / n;
  const num = points.reduce((a, p) => a + (p.t - mt) * (p.v - mv), 0);
  const den = points.reduce((a, p) => a + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function heapUsedMib(metrics: string): number {
  const match = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics);
  return match === null ? Number.NaN : Math.round((Number(match[1]) / 2 ** 20) * 10) / 10;
}

async function main(): Promise<void> {
  const durationMs = seconds() * 1000;
  const root = process.cwd();
  const tenant = await startDemoTenant({
    port: 0,
    host: '127.0.0.1',
    latencyMs: 20,
    rateLimit: { requests: 1_000_000, windowMs: 10_000 },
  });
  const gw = await startGatewayProcess({
    root,
    tenantUrl: tenant.url,
    credentials: tenant.credentials,
    apiKey: '',
    mode: 'pass-through',
    env: { RESPONSE_CACHE_FIELDS: 'Query.workflows=30' },
    nodeArgs: (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== ''),
  });
  const tokens = Array.from({ length: 20 }, () => tenant.issueToken(tenant.addClient().clientId));
  const scenarios = buildScenarios(tenant.url, '', tenant.data.busiestWorkflowId);
  const workflows = {
    query:
      '{ workflows(first: 20) { totalCount nodes { id name enabled trigger { type } owner { name } } } }',
    variables: {},
    check: () => undefined,
  };
  // S3 is the heavy one (3 pages of 250); weighted so it is a share of the load, not all of it.
  const mix = [scenarios[0], scenarios[0], scenarios[1], scenarios[2], workflows, workflows];
  let executions = 0;
  let errors = 0;
  let firstError = '';
  let stopping = false;

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const scenario = mix[Math.floor(Math.random() * mix.length)] ?? workflows;
      const tokenIndex = Math.floor(Math.random() * tokens.length);
      // Most traffic comes from recent callers, as it would from active users.
      const token = tokens[Math.max(0, tokens.length - 1 - (tokenIndex % 30))] ?? '';
      try {
        const res = await request(`${gw.origin}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            ...(Math.random() < 0.5 ? { 'cache-control': 'no-cache' } : {}),
          },
          body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
        });
        const body = JSON.parse(res.body) as { data?: Record<string, unknown>; errors?: unknown[] };
        if (res.status !== 200 || body.errors !== undefined || body.data === undefined) {
          errors += 1;
          firstError ||= `HTTP ${res.status}: ${res.body.slice(0, 300)}`;
        } else scenario.check(body.data);
        executions += 1;
      } catch (error) {
        errors += 1;
        firstError ||= String(error);
      }
    }
  };

  const started = performance.now();
  const samples: { t: number; rss: number; heap: number; execPerSecond: number }[] = [];
  const loops = Array.from({ length: CONNECTIONS }, loop);
  const tokenTimer = setInterval(
    () => tokens.push(tenant.issueToken(tenant.addClient().clientId)),
    NEW_TOKEN_MS,
  );
  let lastExecutions = 0;
  // RSS is read from /proc on the timer, so a gateway busy with the load cannot delay the samples; the heap comes
  // from its /metrics and is filled in when that answer arrives.
  const sampler = setInterval(() => {
    const sample = {
      t: Math.round((performance.now() - started) / 1000),
      rss: rssMb(gw.pid),
      heap: Number.NaN,
      execPerSecond: Math.round(((executions - lastExecutions) / SAMPLE_MS) * 1000),
    };
    lastExecutions = executions;
    samples.push(sample);
    void request(`${gw.origin}/metrics`).then(
      (res) => (sample.heap = heapUsedMib(res.body)),
      () => undefined,
    );
    process.stdout.write(`\r${sample.t} s: RSS ${sample.rss} MiB, ${executions} executions   `);
  }, SAMPLE_MS);
  try {
    await sleep(durationMs);
  } finally {
    stopping = true;
    clearInterval(sampler);
    clearInterval(tokenTimer);
    await Promise.all(loops);
    await gw.stop();
    agent.destroy();
    await tenant.stop();
  }

  const lastHalf = samples.filter((s) => s.t >= durationMs / 2000);
  const rssSlope = slope(lastHalf.map((s) => ({ t: s.t, v: s.rss })));
  const heapSlope = slope(lastHalf.filter((s) => !Number.isNaN(s.heap)).map((s) => ({ t: s.t, v: s.heap })));
  const halfSeconds = (lastHalf.at(-1)?.t ?? 0) - (lastHalf[0]?.t ?? 0);
  const rise = Math.round(rssSlope * halfSeconds * 10) / 10;
  const plateau = median(lastHalf.map((s) => s.rss));
  const result = {
    startedAt: new Date().toISOString(),
    seconds: durationMs / 1000,
    connections: CONNECTIONS,
    callers: tokens.length,
    executions,
    errors,
    samples,
    lastHalf: {
      plateauRssMib: plateau,
      maxRssMib: Math.max(...lastHalf.map((s) => s.rss)),
      rssSlopeMibPerMinute: Math.round(rssSlope * 60 * 100) / 100,
      rssRiseMib: rise,
      heapSlopeMibPerMinute: Math.round(heapSlope * 60 * 100) / 100,
      flat: Math.abs(rise) < FLAT_MIB,
    },
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);

  console.log('\n');
  const rows = [['t s', 'RSS MiB', 'heap used MiB', 'exec/s']];
  for (const s of samples) rows.push([String(s.t), String(s.rss), String(s.heap), String(s.execPerSecond)]);
  console.log(table(rows));
  console.log(
    `\n${executions} executions (${errors} errors) from ${tokens.length} callers over ${durationMs / 1000} s, ` +
      `${CONNECTIONS} connections.\nLast half: RSS plateau ${plateau} MiB (max ${result.lastHalf.maxRssMib}), ` +
      `slope ${result.lastHalf.rssSlopeMibPerMinute} MiB/min (${rise} MiB over the half), heap slope ` +
      `${result.lastHalf.heapSlopeMibPerMinute} MiB/min.`,
  );
  console.log(
    table([
      ['target', 'measured', 'limit', 'result'],
      [
        'RSS plateau (MiB)',
        String(plateau),
        `<= ${PLATEAU_LIMIT_MIB}`,
        plateau <= PLATEAU_LIMIT_MIB ? 'PASS' : 'MISS',
      ],
      [
        'RSS rise over the last half (MiB)',
        String(rise),
        `< ${FLAT_MIB}`,
        result.lastHalf.flat ? 'PASS' : 'MISS',
      ],
    ]),
  );
  if (firstError !== '') console.log(`\nFirst error: ${firstError}`);
  console.log('\nResults: bench/results/soak.json');
  if (errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
