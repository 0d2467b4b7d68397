/**
 * One poller per key (caller identity + upstream query): it polls while it has subscribers, turns each new
 * snapshot into exactly the events between it and the one before, and fans them out to its listeners. Across
 * replicas it polls only while it leads the key; otherwise it applies the snapshots the leader publishes.
 */
import type { Logger } from 'pino';
import { GatewayError } from '../core/errors.js';
import type { KeyCoordination, Published, Role } from './coordination.js';
import { diffSnapshots, type FeedItem, type FeedSpec, type Snapshot } from './feeds.js';

/** What a subscriber receives: an item that appeared or changed, or an upstream error (`final` ends it). */
export type FeedEvent = { item: FeedItem } | { error: GatewayError; final: boolean };
export type Listener = (event: FeedEvent) => void;

export interface PollerDeps {
  spec: FeedSpec;
  /** Reads upstream once (bound to the caller's credential by the hub). */
  poll(previous: Snapshot | undefined, now: number): Promise<Snapshot>;
  coordination: KeyCoordination;
  intervalMs: number;
  /** How often to claim the lease and check whether a poll is due (at most the interval). */
  tickMs: number;
  now(): number;
  logger: Logger;
  /** Events fanned out (one per listener). */
  onEvents(count: number): void;
}

export class Poller {
  private readonly listeners = new Set<Listener>();
  private snapshot: Snapshot | undefined;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> | undefined;
  private nextPollAt = 0;
  private lastErrorCode: string | undefined;
  private role: Role | undefined;
  private stopped = false;

  constructor(private readonly deps: PollerDeps) {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: Listener): void {
    this.listeners.add(listener);
    // Someone subscribing to one execution that is already watched gets its current state at once.
    const { spec } = this.deps;
    const current = spec.kind === 'execution' ? this.snapshot?.items[spec.id] : undefined;
    if (current !== undefined) this.deliver([listener], { item: current });
  }

  /** True when no listener is left (the hub then stops the poller). */
  remove(listener: Listener): boolean {
    this.listeners.delete(listener);
    return this.listeners.size === 0;
  }

  start(): void {
    if (this.stopped) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.deps.tickMs);
    this.timer.unref();
  }

  /** Stops polling and gives up the lease; waits for a poll in progress (its result is dropped). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.busy;
    await this.deps.coordination.leave();
  }

  /** A snapshot another replica published (or Redis held when this follower joined). */
  onPublished(published: Published): void {
    if (this.stopped || published.seq <= this.seq) return;
    this.apply(published.snapshot, published.seq);
  }

  /** Follows Redis' last snapshot first, if there is one, so a new follower has the leader's baseline. */
  async join(load: () => Promise<Published | undefined>): Promise<void> {
    const published = await load().catch(() => undefined);
    if (published !== undefined) this.onPublished(published);
  }

  private tick(): Promise<void> {
    if (this.busy !== undefined || this.stopped) return this.busy ?? Promise.resolve();
    this.busy = this.claimAndPoll().finally(() => {
      this.busy = undefined;
    });
    return this.busy;
  }

  private async claimAndPoll(): Promise<void> {
    const role = await this.deps.coordination.claim();
    if (role !== this.role) {
      this.deps.logger.debug({ role }, 'live poller role');
      // A new leader polls at once: the previous one may have polled its last a while ago.
      if (role !== 'follower' && this.role === 'follower') this.nextPollAt = 0;
      this.role = role;
    }
    if (role === 'follower' || this.stopped || this.deps.now() < this.nextPollAt) return;
    const startedAt = this.deps.now();
    let snapshot: Snapshot;
    try {
      snapshot = await this.deps.poll(this.snapshot, startedAt);
    } catch (error) {
      this.nextPollAt = Math.max(startedAt + this.deps.intervalMs, this.deps.now());
      this.failed(error);
      return;
    }
    // Measured from the poll's start, but never sooner than now: a poll that waited for budget stretches it.
    this.nextPollAt = Math.max(startedAt + this.deps.intervalMs, this.deps.now());
    if (this.stopped) return;
    const result = role === 'leader' ? await this.deps.coordination.publish(snapshot) : { outcome: 'local' };
    if (result.outcome === 'not-leader' || this.stopped) return;
    this.apply(snapshot, result.outcome === 'published' ? (result as { seq: number }).seq : undefined);
  }

  private apply(snapshot: Snapshot, seq?: number): void {
    const changed = diffSnapshots(this.deps.spec, this.snapshot, snapshot);
    this.snapshot = snapshot;
    if (seq !== undefined) this.seq = seq;
    this.lastErrorCode = undefined;
    for (const item of changed) this.deliver([...this.listeners], { item });
  }

  private failed(error: unknown): void {
    const gatewayError =
      error instanceof GatewayError
        ? error
        : new GatewayError('INTERNAL_SERVER_ERROR', 'Internal server error while polling SailPoint');
    if (!(error instanceof GatewayError)) this.deps.logger.error({ err: error }, 'live poll failed');
    if (gatewayError.code === 'RATE_LIMITED') {
      // The poll share of the budget is used up: poll again when a slot is free; the next snapshot then holds
      // every change since the last one, so events come late but none is lost.
      const retryAfter = Number(gatewayError.extensions.retryAfter ?? 1);
      this.nextPollAt = this.deps.now() + retryAfter * 1000;
      this.deps.logger.info({ retryAfter }, 'live poll deferred: poll budget used up');
      return;
    }
    const final =
      gatewayError.code === 'UNAUTHENTICATED' ||
      (gatewayError.code === 'NOT_FOUND' && this.deps.spec.kind === 'execution');
    // One error per failure streak, not one per interval.
    if (!final && gatewayError.code === this.lastErrorCode) return;
    this.lastErrorCode = gatewayError.code;
    this.deps.logger.info({ code: gatewayError.code, final }, 'live poll failed');
    this.deliver([...this.listeners], { error: gatewayError, final });
  }

  private deliver(listeners: Listener[], event: FeedEvent): void {
    for (const listener of listeners) listener(event);
    this.deps.onEvents(listeners.length);
  }
}
