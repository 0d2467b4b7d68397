import type { Logger } from 'pino';
import type { createClient } from 'redis';

/**
 * One Redis client shared by the cache store and the pacer, wrapped so that Redis is an accelerator and never a
 * dependency (DESIGN.md section 5):
 * - every command is abandoned after `commandTimeoutMs` (a hung Redis must not hang queries);
 * - the offline queue is disabled, so while disconnected a command fails at once instead of piling up;
 * - the client reconnects by itself, forever, and its 'error' events are consumed (an unhandled 'error' event
 *   would crash the process);
 * - after a timeout the connection is treated as down and only one probe command per `probeIntervalMs` is let
 *   through, so a hung Redis costs one slow request per interval rather than 250 ms on every request;
 * - a state change is logged once (down, back), not once per failed request.
 *
 * `redis` itself is imported when the first connection is created, not with this module: a gateway without
 * CACHE_URL never loads it (~0.25 s of startup and its share of memory). Until it is loaded and connected,
 * commands fail fast exactly as while connecting.
 */

export type RedisClient = ReturnType<typeof createClient>;

export type RedisState = 'connecting' | 'ok' | 'down';

export interface RedisConnection {
  /** Runs one Redis operation, or rejects quickly when Redis is down, closed or too slow. */
  run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T>;
  state(): RedisState;
  /**
   * Resolves once `redis` is loaded and the first connection attempt has begun (never rejects): a server awaits it
   * before listening, so that loading the module lazily does not delay connecting relative to serving.
   */
  started(): Promise<void>;
  /** Resolves once connected (or rejects after `timeoutMs`); for tests and startup logs, never needed to serve. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  logger: Logger;
  commandTimeoutMs?: number;
  probeIntervalMs?: number;
  now?: () => number;
  /**
   * Who uses this connection and what it does without Redis, for its state-change log lines. Default: the
   * shared cache. Another user (live/ pollers) names itself, so an outage reads as one line per user.
   */
  role?: { name: string; fallback: string };
}

const CACHE_ROLE = {
  name: 'cache',
  fallback: 'serving without the shared cache, pacing per process until it is back',
};

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** Rejects with `RedisUnavailableError` if `promise` takes longer than `ms`; the late result is ignored. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = 'Redis command'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  // The abandoned promise may still reject later: swallow that so it is not an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reconnect delay: quick at first (a restart or failover), then every 2 s, and never give up. */
export const reconnectDelay = (retries: number): number => Math.min(50 * 2 ** retries, 2000);

/** Redis errors can carry a URL with a password in it; only the error's code or first words go to the log. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message.replace(/\w+:\/\/[^\s]*/g, '<url>').slice(0, 200);
    return typeof code === 'string' ? `${code}: ${text}` : `${error.name}: ${text}`;
  }
  return String(error).slice(0, 200);
}

export function createRedisConnection(url: string, options: RedisConnectionOptions): RedisConnection {
  const { logger } = options;
  const commandTimeoutMs = options.commandTimeoutMs ?? 250;
  const probeIntervalMs = options.probeIntervalMs ?? 1000;
  const now = options.now ?? Date.now;

  const role = options.role ?? CACHE_ROLE;
  let client: RedisClient | undefined;
  let state: RedisState = 'connecting';
  let closed = false;
  /** While down, the next time one command is let through to find out whether Redis is back. */
  let nextProbeAt = 0;

  const markOk = (): void => {
    if (state === 'ok') return;
    const previous = state;
    state = 'ok';
    logger.info(previous === 'down' ? `${role.name} redis is back` : `${role.name} redis connected`);
  };
  const markDown = (error: unknown): void => {
    nextProbeAt = now() + probeIntervalMs;
    if (state === 'down' || closed) return;
    state = 'down';
    logger.warn({ err: describe(error) }, `${role.name} redis unavailable: ${role.fallback}`);
  };

  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const connecting = import('redis').then(
    ({ createClient }) => {
      if (closed) return undefined;
      const created = createClient({
        url,
        disableOfflineQueue: true,
        // Bounds memory if Redis accepts connections but stops answering.
        commandsQueueMaxLength: 1000,
        socket: { reconnectStrategy: reconnectDelay, connectTimeout: 2000 },
      });
      client = created;
      created.on('error', markDown);
      created.on('ready', markOk);
      const connected = created.connect();
      markStarted();
      return connected.then(
        () => undefined,
        // Only reached when the client is closed while connecting; the reconnect strategy itself never gives up.
        (error: unknown) => {
          if (!closed) markDown(error);
        },
      );
    },
    // Not installed or broken: served without Redis, as when it is unreachable.
    (error: unknown) => markDown(error),
  );
  // Also when closed before the import finished, or the import failed.
  void connecting.finally(markStarted);

  return {
    state: () => state,
    started: () => started,
    async run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
      if (closed) throw new RedisUnavailableError('Redis connection closed');
      if (client === undefined || !client.isReady) throw new RedisUnavailableError('Redis not connected');
      if (state === 'down') {
        // Connected again at the socket level but a command timed out earlier: probe sparingly.
        if (now() < nextProbeAt) throw new RedisUnavailableError('Redis marked down');
        nextProbeAt = now() + probeIntervalMs;
      }
      try {
        const result = await withTimeout(operation(client), commandTimeoutMs);
        markOk();
        return result;
      } catch (error) {
        markDown(error);
        throw error;
      }
    },
    async ready(timeoutMs = 5000): Promise<void> {
      const deadline = now() + timeoutMs;
      while (client === undefined || !client.isReady) {
        if (closed || now() > deadline) throw new RedisUnavailableError('Redis did not become ready');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      markOk();
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // destroy, not close: close waits for pending replies, which a dead Redis never sends.
      client?.destroy();
      await connecting;
    },
  };
}
