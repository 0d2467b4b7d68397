/**
 * One poller per key across the replicas that share CACHE_URL: a Redis lease per key (the replica holding it
 * polls; another takes it when it is not renewed within LIVE_LEASE_MS), and each poll's snapshot published to
 * every replica over pub/sub. Publishing is fenced: one script checks the lease, stores the snapshot with a new
 * sequence number and publishes it, so a replica that lost its lease mid-poll can never publish over the new
 * leader, and subscribers on every replica see each snapshot once, in order. While Redis is unreachable every
 * replica polls for itself (Role `unavailable`), so subscriptions never stop.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createRedisConnection, withTimeout } from '../cache/redis.js';
import type { Coordination, KeyCoordination, Published, Role } from './coordination.js';
import type { Snapshot } from './feeds.js';

/** KEYS: lease. ARGV: owner, leaseMs. 1 = this replica holds the lease now. */
const CLAIM_SCRIPT = `
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not owner then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** KEYS: lease. ARGV: owner. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * KEYS: lease, state, channel. ARGV: owner, snapshot JSON, leaseMs, stateTtlMs. The sequence is Redis' clock in
 * microseconds (and above the stored one), so it keeps growing even when Redis restarts empty. Formatted with
 * %.0f: Lua's default number formatting would round it. Returns the sequence, or '-1' without the lease.
 */
const PUBLISH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return '-1' end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local t = redis.call('TIME')
local seq = tonumber(t[1]) * 1000000 + tonumber(t[2])
local stored = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
if seq <= stored then seq = stored + 1 end
local text = string.format('%.0f', seq)
redis.call('HSET', KEYS[2], 'seq', text, 'snapshot', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', KEYS[3], text .. '\\n' .. ARGV[2])
return text
`;

export interface RedisCoordinationOptions {
  url: string;
  leaseMs: number;
  pollIntervalMs: number;
  commandTimeoutMs: number;
  logger: Logger;
}

type Subscriber = {
  isReady: boolean;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
};

function parsePublished(message: string): Published | undefined {
  const newline = message.indexOf('\n');
  const seq = Number(message.slice(0, newline));
  if (newline < 0 || !Number.isFinite(seq)) return undefined;
  try {
    return { seq, snapshot: JSON.parse(message.slice(newline + 1)) as Snapshot };
  } catch {
    return undefined;
  }
}

export function createRedisCoordination(options: RedisCoordinationOptions): Coordination {
  const { leaseMs, logger } = options;
  // Unique per gateway process: the lease says which replica polls.
  const owner = randomUUID();
  // A stored snapshot outlives its leader by about one poll: it is a newcomer's baseline, never old news.
  const stateTtlMs = 2 * options.pollIntervalMs + leaseMs;
  const commands = createRedisConnection(options.url, {
    logger: logger.child({ redis: 'live' }),
    commandTimeoutMs: options.commandTimeoutMs,
    role: { name: 'live', fallback: 'each replica polls for its own subscribers until it is back' },
  });
  // Pub/sub needs a connection of its own. It keeps an offline queue (subscriptions made while it connects are
  // sent once it is up) and node-redis subscribes again after every reconnect.
  let subscriber: Subscriber | undefined;
  let closed = false;
  const subscriberReady = import('redis').then(({ createClient }) => {
    if (closed) return undefined;
    const client = createClient({
      url: options.url,
      socket: {
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
        connectTimeout: 2000,
      },
    }) as unknown as Subscriber;
    client.on('error', () => undefined);
    subscriber = client;
    client.connect().catch(() => undefined);
    return client;
  });

  return {
    shared: true,
    join(key: string, onPublished: (published: Published) => void): KeyCoordination {
      const lease = `${key}:lease`;
      const state = `${key}:state`;
      const channel = `${key}:events`;
      const listener = (message: string): void => {
        const published = parsePublished(message);
        if (published !== undefined) onPublished(published);
      };
      void subscriberReady.then((client) => client?.subscribe(channel, listener)).catch(() => undefined);
      let warned = false;
      const unavailable = (): Role => {
        if (!warned) {
          warned = true;
          logger.warn('redis unavailable: live poller polls on this replica until it is back');
        }
        return 'unavailable';
      };
      return {
        async claim() {
          // Without the subscription this replica would miss the leader's snapshots: poll for itself instead.
          if (subscriber === undefined || !subscriber.isReady) return unavailable();
          try {
            const held = await commands.run((c) =>
              c.eval(CLAIM_SCRIPT, { keys: [lease], arguments: [owner, String(leaseMs)] }),
            );
            warned = false;
            return Number(held) === 1 ? 'leader' : 'follower';
          } catch {
            return unavailable();
          }
        },
        async publish(snapshot) {
          try {
            const reply = await commands.run((c) =>
              c.eval(PUBLISH_SCRIPT, {
                keys: [lease, state, channel],
                arguments: [owner, JSON.stringify(snapshot), String(leaseMs), String(stateTtlMs)],
              }),
            );
            const seq = Number(reply);
            return seq < 0 ? { outcome: 'not-leader' } : { outcome: 'published', seq };
          } catch {
            return { outcome: 'local' };
          }
        },
        async load() {
          try {
            const stored = await commands.run((c) => c.hGetAll(state));
            const seq = Number(stored.seq);
            if (stored.snapshot === undefined || !Number.isFinite(seq)) return undefined;
            return { seq, snapshot: JSON.parse(stored.snapshot) as Snapshot };
          } catch {
            return undefined;
          }
        },
        async leave() {
          // The subscriber queues commands while disconnected: never wait on it for longer than a command.
          if (subscriber?.isReady === true) {
            await withTimeout(subscriber.unsubscribe(channel, listener), options.commandTimeoutMs).catch(
              () => undefined,
            );
          }
          await commands
            .run((c) => c.eval(RELEASE_SCRIPT, { keys: [lease], arguments: [owner] }))
            .catch(() => undefined);
        },
      };
    },
    async close() {
      closed = true;
      const client = await subscriberReady.catch(() => undefined);
      client?.destroy();
      await commands.close();
    },
  };
}
