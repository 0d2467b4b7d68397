import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';

/**
 * A throwaway redis-server on a free loopback port, for tests that need real Redis. When the binary is missing
 * (a developer laptop without Redis), `startRedis` returns null and the tests skip with `REDIS_SKIP_REASON`.
 * CI installs redis-server (.ci/run), so there they always run.
 */

export interface RedisServer {
  url: string;
  port: number;
  /** Graceful stop (SIGTERM), waits for exit. Safe to call twice. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL): the "Redis died" case. Waits for exit. */
  kill(): Promise<void>;
  /** Starts a fresh redis-server on the same port (after `kill`/`stop`): the "Redis is back" case. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that accepts connections but never answers. */
  pause(): void;
  resume(): void;
}

export const REDIS_SKIP_REASON =
  'skipped: redis-server binary not found (install redis-server to run these tests)';

let binaryChecked: string | null | undefined;

/** Path or name of the redis-server binary, or null when it is not installed. */
export function redisServerBinary(): string | null {
  if (binaryChecked !== undefined) return binaryChecked;
  const candidates = [process.env.REDIS_SERVER_BIN, 'redis-server', '/usr/bin/redis-server'].filter(
    (c): c is string => Boolean(c),
  );
  binaryChecked = null;
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['--version'], { stdio: 'ignore' });
    if (!probe.error && probe.status === 0) {
      binaryChecked = candidate;
      break;
    }
  }
  if (binaryChecked === null) {
    // Jest drops a skipped file's console output, and a non-verbose run lists no suite names: stderr is shown.
    const file = path.relative(process.cwd(), expect.getState().testPath ?? 'a test file');
    process.stderr.write(`${file}: Redis tests ${REDIS_SKIP_REASON}\n`);
  }
  return binaryChecked;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once redis answers PING on the port. */
async function waitForPing(port: number, child: ChildProcess, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      let data = '';
      socket.setTimeout(200, () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk) => {
        data += chunk.toString();
        if (data.includes('PONG')) {
          socket.destroy();
          resolve(true);
        }
      });
      socket.on('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedis(options: { port?: number } = {}): Promise<RedisServer | null> {
  const binary = redisServerBinary();
  if (!binary) return null;
  const port = options.port ?? (await freePort());

  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      // Tests print nothing: the server's output is discarded.
      { stdio: 'ignore' },
    );
    child.on('error', () => undefined);
    await waitForPing(port, child);
    return child;
  };

  let child = await launch();
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await waitForExit(child);
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => {
      // A paused process ignores SIGTERM until continued.
      child.kill('SIGCONT');
      return signal('SIGTERM');
    },
    kill: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGKILL');
      child = await launch();
    },
    pause: () => {
      child.kill('SIGSTOP');
    },
    resume: () => {
      child.kill('SIGCONT');
    },
  };
}
