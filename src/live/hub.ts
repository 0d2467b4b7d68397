/**
 * The pollers of one gateway: one per key, created by the first subscriber and stopped when the last one leaves.
 * A key is the caller's credential hash (the one the cache partitions by, never the credential) plus the upstream
 * query, so a subscriber only ever receives what a poll with its own credential returned.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { KEY_PREFIX } from '../cache/keys.js';
import type { CallerCredential } from '../core/credential.js';
import type { LiveMetrics } from '../observability/metrics.js';
import type { Upstream, UpstreamStats } from '../upstream/types.js';
import type { Coordination } from './coordination.js';
import { feedQuery, pollFeed, type FeedSpec } from './feeds.js';
import { Poller, type Listener } from './poller.js';

const POLL_KEY_DOMAIN = 'sailpoint-graphql-gateway/live-poll/v1\u0000';

/** Stable across replicas (they must agree on it) and free of any credential. */
export function pollKey(credentialHash: string, baseUrl: string, query: Record<string, string>): string {
  const material = JSON.stringify([credentialHash, baseUrl, Object.entries(query).sort()]);
  return `${KEY_PREFIX}live:${createHash('sha256')
    .update(POLL_KEY_DOMAIN + material)
    .digest('hex')}`;
}

export interface LiveHubOptions {
  upstream: Upstream;
  coordination: Coordination;
  /** SailPoint's base URL: two tenants behind one Redis never share a poller. */
  baseUrl: string;
  pollIntervalMs: number;
  leaseMs: number;
  /** Deadline of one poll (pacing waits and retries included): REQUEST_TIMEOUT_MS. */
  requestTimeoutMs: number;
  logger: Logger;
  metrics: LiveMetrics;
  now?: () => number;
}

export class LiveHub {
  private readonly pollers = new Map<string, Poller>();
  private readonly stopping = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly options: LiveHubOptions) {
    this.now = options.now ?? Date.now;
  }

  get pollerCount(): number {
    return this.pollers.size;
  }

  /** Validates the feed's arguments (throws BAD_USER_INPUT) and starts listening; returns the unsubscribe. */
  subscribe(credential: CallerCredential, spec: FeedSpec, listener: Listener): () => void {
    const { upstream, baseUrl } = this.options;
    const credentialHash = upstream.credentialHash(credential);
    const key = pollKey(credentialHash, baseUrl, feedQuery(spec));
    let poller = this.pollers.get(key);
    if (poller === undefined) {
      poller = this.createPoller(key, credential, spec);
      this.pollers.set(key, poller);
      this.options.metrics.pollers(this.pollers.size);
    }
    const subscribed = poller;
    subscribed.add(listener);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (!subscribed.remove(listener) || this.pollers.get(key) !== subscribed) return;
      this.pollers.delete(key);
      this.options.metrics.pollers(this.pollers.size);
      const stopped = subscribed.stop().catch(() => undefined);
      this.stopping.add(stopped);
      void stopped.finally(() => this.stopping.delete(stopped));
    };
  }

  private createPoller(key: string, credential: CallerCredential, spec: FeedSpec): Poller {
    const { upstream, pollIntervalMs, leaseMs, requestTimeoutMs, metrics } = this.options;
    // The key's tail is enough to follow one poller through the logs; it reveals nothing about the caller.
    const logger = this.options.logger.child({ poller: key.slice(-12), feed: spec.kind });
    const upstreamLogger = this.options.logger.child({ component: 'upstream' });
    let poller: Poller | undefined;
    const coordination = this.options.coordination.join(key, (published) => poller?.onPublished(published));
    poller = new Poller({
      spec,
      coordination,
      intervalMs: pollIntervalMs,
      // Claims renew the lease: at least three times per lease, so one slow Redis reply does not lose it.
      tickMs: Math.max(5, Math.min(pollIntervalMs, Math.floor(leaseMs / 3))),
      now: this.now,
      logger,
      onEvents: (count) => metrics.events(count),
      poll: async (previous, now) => {
        const stats: UpstreamStats = { requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 };
        const client = upstream.forCaller(credential, {
          requestId: `live-${randomUUID()}`,
          stats,
          logger: upstreamLogger,
          deadline: now + requestTimeoutMs,
          // Polls read fresh data: a cached page would hide the change the subscriber waits for.
          noCache: true,
          live: true,
        });
        try {
          return await pollFeed(spec, client, previous, now);
        } finally {
          metrics.pollRequests(stats.requests);
        }
      },
    });
    const started = poller;
    void started.join(() => coordination.load()).finally(() => started.start());
    return poller;
  }

  /** Stops every poller (gateway shutdown); subscribers' streams are ended by the transport. */
  async close(): Promise<void> {
    const all = [...this.pollers.values()];
    this.pollers.clear();
    this.options.metrics.pollers(0);
    await Promise.all([...all.map((p) => p.stop().catch(() => undefined)), ...this.stopping]);
    await this.options.coordination.close();
  }
}
