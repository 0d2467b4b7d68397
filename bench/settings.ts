/**
 * The settings of `npm run bench` (bench/run.ts's header lists the knobs), read once from the environment.
 * Apart from run.ts because the measurements (measure.ts) and the targets (targets.ts) read them too, and one
 * place decides what a run was configured with.
 */

export const LATENCY_MS = 20;
export const ITERATIONS = intEnv('BENCH_ITERATIONS', 200);
export const WARMUP = intEnv('BENCH_WARMUP', 20);
export const THROUGHPUT_MS = intEnv('BENCH_THROUGHPUT_MS', 3000);
export const THROUGHPUT_CONCURRENCY = 8;
export const CPU_QUERIES = intEnv('BENCH_CPU_QUERIES', 300);
export const STARTUP_RUNS = 3;
/**
 * The tenant's limit, raised from SailPoint's 100 requests / 10 s: the bench sends thousands of requests in
 * seconds, and at the real limit it would measure 429s and Retry-After waits instead of latency. The gateway's
 * own pacing is raised likewise (UPSTREAM_RATE_LIMIT in gateway.ts).
 */
export const TENANT_RATE_LIMIT = { requests: 1_000_000, windowMs: 10_000 };
/** The repeated-query gateway caches S1's root field; the others are not listed, so they run as before. */
export const RESPONSE_CACHE_FIELDS = 'Query.triggerInvocationStatuses=60';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}
