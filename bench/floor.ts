/**
 * `npm run bench:floor`: what a do-nothing proxy costs on this machine, to read the gateway's CPU figures against.
 * A child process answers POSTs the way the gateway would, with a 12 KB JSON body (the size of the S1 answer),
 * after making the S1 upstream call (50 trigger invocation statuses from the demo tenant, in this process) in one
 * of three ways: none, bare `node:http`, or the gateway's own transport (got, src/upstream/http.ts). The load is
 * sequential from this process; the child's CPU time is read from /proc. Loopback only, bounded by N requests.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { startDemoTenant } from '../src/demo-tenant/index.js';
import { createHttp, createTransport } from '../src/upstream/http.js';
import { agent, cpuMs, request } from './lib.js';

const MODES = ['none', 'node:http', 'gateway transport (got)'] as const;
type Mode = (typeof MODES)[number];
const REQUESTS = 2000;
const WARMUP = 300;
const PATH = 'trigger-invocations/v1/status';
const QUERY = { limit: '51', offset: '0' };

async function proxy(mode: Mode, upstream: string, token: string): Promise<void> {
  const answer = JSON.stringify({ data: { items: 'x'.repeat(12 * 1024) } });
  const bareAgent = new http.Agent({ keepAlive: true });
  const transport = createTransport(createHttp({ baseUrl: upstream }));
  const bare = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${upstream}/${PATH}?${new URLSearchParams(QUERY).toString()}`);
      http
        .get(
          {
            host: url.hostname,
            port: url.port,
            path: `${url.pathname}${url.search}`,
            agent: bareAgent,
            headers: { authorization: `Bearer ${token}` },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          },
        )
        .on('error', reject);
    });
  const call = async (): Promise<void> => {
    if (mode === 'none') return;
    const text =
      mode === 'node:http'
        ? await bare()
        : await transport({
            path: PATH,
            searchParams: QUERY,
            authorization: `Bearer ${token}`,
            timeoutMs: 10_000,
          }).then((result) => (result.kind === 'response' ? result.body : '[]'));
    JSON.parse(text);
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      call().then(
        () => {
          res.setHeader('content-type', 'application/json');
          res.end(answer);
        },
        () => {
          res.statusCode = 502;
          res.end();
        },
      );
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send?.(port);
  });
}

async function main(): Promise<void> {
  const tenant = await startDemoTenant({
    port: 0,
    host: '127.0.0.1',
    rateLimit: { requests: 1e9, windowMs: 10_000 },
  });
  const token = tenant.issueToken();
  const rows: string[] = [];
  try {
    for (const mode of MODES) {
      const child = spawn(
        process.execPath,
        [fileURLToPath(import.meta.url), 'proxy', mode, tenant.url, token],
        {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        },
      );
      const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
      const one = () =>
        request(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{"query":"{ x }"}' });
      for (let i = 0; i < WARMUP; i++) await one();
      const before = cpuMs(child.pid ?? -1);
      const started = performance.now();
      for (let i = 0; i < REQUESTS; i++) await one();
      const cpu = (cpuMs(child.pid ?? -1) - before) / REQUESTS;
      const wall = (performance.now() - started) / REQUESTS;
      rows.push(
        `${mode.padEnd(26)} ${cpu.toFixed(2).padStart(6)} ms CPU   ${wall.toFixed(2).padStart(6)} ms wall`,
      );
      child.kill();
    }
  } finally {
    agent.destroy();
    await tenant.stop();
  }
  console.log(`Proxy floor: per request, ${REQUESTS} sequential, upstream call made with`);
  for (const row of rows) console.log(`  ${row}`);
}

const [role, mode, upstream, token] = process.argv.slice(2);
if (role === 'proxy') {
  void proxy(mode as Mode, upstream ?? '', token ?? '');
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
