import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { KEY_PREFIX } from './keys.js';
import {
  SlidingWindowLog,
  shareLogKey,
  type Admission,
  type Limiter,
  type RateLimit,
  type Share,
} from './pacer.js';
import type { RedisConnection } from './redis.js';

/**
 * The same sliding log as a Redis sorted set (member = ticket, score = logged time), updated atomically by one
 * script so that concurrent replicas can never both take the last slot.
 *
 * Clock choice: the scripts read Redis `TIME` instead of receiving the caller's clock. Every replica then judges
 * the window against one clock; with client time, a replica whose clock lags by d would see old entries as still
 * inside the window (harmless) while one running ahead by d would expire entries d early and admit more than N in
 * a real window. The wait it returns is a duration, so the local clock only measures how long to sleep.
 * Redis >= 5 replicates scripts by effects, which is what allows TIME before a write.
 *
 * ARGV: limit, windowMs, ticket, holdMs. An admitted ticket is scored admission + hold (in flight); the key lives
 * at least until every entry in it has left the window.
 */
export const SLIDING_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local hold = tonumber(ARGV[4])
local function wait_for(key)
  local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
  if oldest > now then oldest = now end
  local wait = oldest + window - now
  if wait < 1 then wait = 1 end
  return wait
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  return {0, wait_for(KEYS[1]), 0}
end
if KEYS[2] then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then
    return {0, wait_for(KEYS[2]), 1}
  end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + hold, ARGV[3])
  if redis.call('PTTL', key) < hold + window then
    redis.call('PEXPIRE', key, hold + window)
  end
end
return {1, now, 0}
`;

/**
 * Completion: the ticket's score becomes the current Redis time (>= when its response arrived, since the script
 * runs after it), in the identity's log and its share's. Re-added if it is gone (Redis restarted in between):
 * that only makes pacing more careful. ARGV: ticket, windowMs.
 */
export const COMPLETE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1])
  if redis.call('PTTL', key) < window then
    redis.call('PEXPIRE', key, window)
  end
end
return now
`;

/** `{admitted, value, reason}` of SLIDING_WINDOW_SCRIPT (older replies have no reason). */
export function parseScriptReply(reply: unknown, ticket = ''): Admission {
  if (!Array.isArray(reply) || (reply.length !== 2 && reply.length !== 3)) {
    throw new Error('Unexpected pacing script reply');
  }
  const [flag, value, reason] = reply.map(Number) as [number, number, number | undefined];
  if (!Number.isFinite(value)) throw new Error('Unexpected pacing script reply');
  if (flag === 1) return { admitted: true, at: value, ticket };
  return reason === 1
    ? { admitted: false, waitMs: value, reason: 'share' }
    : { admitted: false, waitMs: value };
}

/** Tickets of the per-process fallback log carry this prefix, so their completion goes there too. */
const LOCAL_TICKET = 'local:';

/**
 * Redis limiter that falls back to a per-process in-memory log while Redis is unreachable. During an outage each
 * replica paces on its own (the shared budget is lost, the per-process bound still holds); when Redis is back the
 * shared log resumes. A completion that cannot be written leaves its entry at the pessimistic in-flight time,
 * which errs on the safe side.
 */
export function createRedisLimiter(
  connection: RedisConnection,
  rate: RateLimit,
  options: { logger: Logger; now?: () => number },
): Limiter {
  const fallback = new SlidingWindowLog(rate);
  const now = options.now ?? Date.now;
  const key = (identity: string): string => `${KEY_PREFIX}pace:${identity}`;
  const keys = (identity: string, share: Share | undefined): string[] =>
    share === undefined ? [key(identity)] : [key(identity), key(shareLogKey(identity, share.key))];
  let usingFallback = false;
  return {
    async tryAcquire(identity, holdMs, share) {
      const ticket = randomUUID();
      try {
        const reply = await connection.run((client) =>
          client.eval(SLIDING_WINDOW_SCRIPT, {
            keys: keys(identity, share),
            arguments: [
              String(rate.limit),
              String(rate.windowMs),
              ticket,
              String(Math.max(0, Math.ceil(holdMs))),
              ...(share !== undefined ? [String(share.limit)] : []),
            ],
          }),
        );
        const admission = parseScriptReply(reply, ticket);
        if (usingFallback) {
          usingFallback = false;
          options.logger.info('upstream pacing is shared through redis again');
        }
        return admission;
      } catch {
        if (!usingFallback) {
          usingFallback = true;
          options.logger.warn('redis unavailable: upstream pacing falls back to a per-process limit');
        }
        const admission = fallback.tryAcquire(identity, now(), holdMs, share);
        return admission.admitted ? { ...admission, ticket: LOCAL_TICKET + admission.ticket } : admission;
      }
    },
    async complete(identity, ticket, share) {
      if (ticket.startsWith(LOCAL_TICKET)) {
        fallback.complete(identity, ticket.slice(LOCAL_TICKET.length), now(), share);
        return;
      }
      try {
        await connection.run((client) =>
          client.eval(COMPLETE_SCRIPT, {
            keys: keys(identity, share),
            arguments: [ticket, String(rate.windowMs)],
          }),
        );
      } catch {
        // The entry keeps its in-flight time and leaves the window a hold later: safe, only slower.
      }
    },
  };
}
