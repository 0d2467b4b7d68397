/**
 * The gateway under test, as a child process (`npm start`'s command: node, its flags, dist/index.js), so its CPU time
 * and memory are its own and not mixed with the demo tenant's and the load generator's, which run in the bench
 * process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, request, sleep } from './lib.js';

export interface GatewayProcess {
  pid: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Spawn to the first 200 from /healthz, ms. */
  startupMs: number;
  /** What the child wrote (LOG_LEVEL=warn: only warnings and errors), for diagnostics. */
  output(): string;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  root: string;
  tenantUrl: string;
  credentials: { clientId: string; clientSecret: string };
  apiKey: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Extra gateway environment, e.g. RESPONSE_CACHE_FIELDS. */
  env?: Record<string, string>;
  /** `service` (default): the tenant's client credentials and `apiKey`; `pass-through`: callers send tokens. */
  mode?: 'service' | 'pass-through';
}

const STARTUP_TIMEOUT_MS = 15_000;

/** The node flags of `npm start` (`node <flags> dist/index.js`), so the bench measures the process users run. */
export function startScriptNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(' ').filter((word) => word !== '');
  if (words[0] !== 'node' || words.at(-1) !== 'dist/index.js') {
    throw new Error(`package.json start is not "node [flags] dist/index.js": ${pkg.scripts.start}`);
  }
  return words.slice(1, -1);
}

export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // An explicit environment: nothing of the caller's (CACHE_URL, NODE_ENV, ...) may change what is measured.
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SAILPOINT_BASE_URL: options.tenantUrl,
    ...(options.mode === 'pass-through'
      ? {}
      : {
          SAILPOINT_CLIENT_ID: options.credentials.clientId,
          SAILPOINT_CLIENT_SECRET: options.credentials.clientSecret,
          GATEWAY_API_KEYS: options.apiKey,
        }),
    // The gateway's own pacing would otherwise hold the bench to SailPoint's 100 requests / 10 s.
    UPSTREAM_RATE_LIMIT: '1000000/10s',
    // Unset by default (as the brief's environment); BENCH_NODE_ENV=production measures the Docker image's mode.
    ...(process.env['BENCH_NODE_ENV'] ? { NODE_ENV: process.env['BENCH_NODE_ENV'] } : {}),
    ...options.env,
    // e.g. BENCH_GATEWAY_ENV="CACHE_MAX_BYTES=8388608": gateway settings to compare, applied last.
    ...Object.fromEntries(
      (process.env['BENCH_GATEWAY_ENV'] ?? '')
        .split(' ')
        .filter((pair) => pair.includes('='))
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
  };
  const started = performance.now();
  const nodeArgs = [...startScriptNodeFlags(options.root), ...(options.nodeArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'dist/index.js'], {
    cwd: options.root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  let startupMs: number | undefined;
  while (startupMs === undefined) {
    if (exited) throw new Error(`gateway exited during startup:\n${output}`);
    if (performance.now() - started > STARTUP_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
    }
    try {
      const res = await request(`${origin}/healthz`);
      if (res.status === 200) startupMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (startupMs === undefined) await sleep(2);
  }

  return {
    pid: child.pid ?? -1,
    origin,
    startupMs,
    output: () => output,
    async stop() {
      if (exited) return;
      // SIGTERM: the gateway drains and exits, which also lets --cpu-prof write its profile.
      child.kill('SIGTERM');
      const timeout = sleep(10_000).then(() => {
        if (!exited) child.kill('SIGKILL');
      });
      await Promise.race([exit, timeout]);
      await exit;
    },
  };
}
