/**
 * How the replicas agree on who polls a key. Without Redis every replica is the leader of its own keys; with Redis
 * (redis-coordination.ts) one replica holds a lease per key and publishes each snapshot to the others.
 */
import type { Snapshot } from './feeds.js';

/** A snapshot as published: `seq` grows with every publication of a key (also across a Redis restart). */
export interface Published {
  seq: number;
  snapshot: Snapshot;
}

/**
 * - `leader`: this replica polls the key and publishes.
 * - `follower`: another replica polls; snapshots arrive through `onPublished`.
 * - `unavailable`: Redis is unreachable: poll locally rather than drop anything.
 */
export type Role = 'leader' | 'follower' | 'unavailable';

/** `local`: nothing to publish to (no Redis, or Redis unreachable): the poller applies the snapshot itself. */
export type PublishOutcome = { outcome: 'published'; seq: number } | { outcome: 'not-leader' | 'local' };

/** One replica's share of one key. */
export interface KeyCoordination {
  /** Takes or renews the lease (called on every poller tick). */
  claim(): Promise<Role>;
  /**
   * Publishes a poll's snapshot, only while still holding the lease (fenced in one Redis script, so a replica that
   * lost the lease during its poll cannot publish over the new leader). `not-leader`: the poll is discarded.
   */
  publish(snapshot: Snapshot): Promise<PublishOutcome>;
  /** The last published snapshot, if Redis has one (a new follower's baseline). */
  load(): Promise<Published | undefined>;
  /** Gives up the lease (if held) and stops listening. */
  leave(): Promise<void>;
}

export interface Coordination {
  readonly shared: boolean;
  join(key: string, onPublished: (published: Published) => void): KeyCoordination;
  close(): Promise<void>;
}

/** No Redis: every replica polls its own keys. */
export const localCoordination: Coordination = {
  shared: false,
  join: () => ({
    claim: async () => 'leader',
    publish: async () => ({ outcome: 'local' }),
    load: async () => undefined,
    leave: async () => undefined,
  }),
  close: async () => undefined,
};
