import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Real gateway processes for the multi-replica tests: the built entry point (`node dist/index.js`), started with
 * an explicit environment, its JSON log read from stdout (never printed), stopped with SIGTERM.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function newestMtime(dir: string, ext: string): { path: string; mtimeMs: number }[] {
  const out: { path: string; mtimeMs: number }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...newestMtime(full, ext));
    else if (entry.name.endsWith(ext)) out.push({ path: full, mtimeMs: statSync(full).mtimeMs });
  }
  return out;
}

/** True when every src/**.ts has a dist/**.js at least as new (so `dist/index.js` runs the current code). */
function distIsFresh(): boolean {
  const src = join(repoRoot, 'src');
  for (const file of newestMtime(src, '.ts')) {
    if (file.path.endsWith('.d.ts')) continue;
    const built = join(repoRoot, 'dist', relative(src, file.path)).replace(/\.ts$/, '.js');
    if (!existsSync(built) || statSync(built).mtimeMs < file.mtimeMs) return false;
  }
  return true;
}

export interface GatewayBuild {
  entry: string;
  cleanup(): void;
}

/**
 * `dist/index.js` when it is fresh; otherwise a private build (`tsc -p tsconfig.build.json` into a temp dir),
 * so a concurrent `npm run build` elsewhere never races with this one. The temp dir links package.json, schema/
 * and node_modules, which the gateway finds by walking up from its own file.
 */
export function gatewayBuild(): GatewayBuild {
  if (distIsFresh()) return { entry: join(repoRoot, 'dist', 'index.js'), cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'sgw-efficiency-'));
  for (const name of ['package.json', 'schema', 'node_modules'])
    symlinkSync(join(repoRoot, name), join(dir, name));
  const tsc = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      join(dir, 'dist'),
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const entry = join(dir, 'dist', 'index.js');
  // tsc emits even with type errors (someone may be mid-edit elsewhere); only a missing entry is fatal.
  if (!existsSync(entry)) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`gateway build failed: ${(tsc.stdout + tsc.stderr).slice(0, 2000)}`);
  }
  return { entry, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface GatewayProcess {
  /** The GraphQL endpoint from the ready log line. */
  url: string;
  /** Parsed JSON log lines so far. */
  logs: Record<string, unknown>[];
  /** Sends a signal without waiting for the process to exit (see `exited`). */
  signal(name: NodeJS.Signals): void;
  /** Settles when the process has exited, with its exit code (null when a signal killed it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export async function spawnGateway(
  entry: string,
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway not ready in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before it was ready: ${stderr}`));
    });
    // Keep reading for the whole life of the process: a full pipe would block its logger.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(record);
      if (typeof record.url === 'string' && /^http:\/\/127\.0\.0\.1:\d+\/graphql$/.test(record.url)) {
        clearTimeout(timer);
        resolveUrl(record.url);
      }
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  return {
    url,
    logs,
    signal: (name) => child.kill(name),
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * A TCP proxy in front of the tenant that holds each chunk from the gateway for a random 0..maxDelayMs (order
 * kept per connection): requests ARRIVE upstream later than the gateway sent them, with jitter, like over a real
 * network. Responses pass straight through.
 */
export async function startJitterProxy(
  target: string,
  maxDelayMs: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(client);
    sockets.add(upstream);
    let chain = Promise.resolve();
    client.on('data', (chunk) => {
      const delay = Math.random() * maxDelayMs;
      chain = chain
        .then(() => new Promise<void>((done) => setTimeout(done, delay)))
        .then(() => {
          if (!upstream.destroyed) upstream.write(chunk);
        });
    });
    upstream.on('data', (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    // A side that ends is ended on the other side too, after what is still queued for it: destroying at once
    // would drop a response already written (the gateway would see a reset and retry a request the tenant
    // already answered).
    upstream.on('end', () => client.end());
    client.on('end', () => {
      chain = chain.then(() => {
        upstream.end();
      });
    });
    const destroy = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy);
    upstream.on('error', destroy);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
