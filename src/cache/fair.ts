import { rateBudgetExceeded, type GatewayError } from '../core/errors.js';
import type { Limiter, PacerClock, Share, Slot } from './pacer.js';

/**
 * Fair sharing of one upstream budget between the callers that spend it (in service and demo mode every caller
 * spends the gateway's one SailPoint client). Three rules, each configurable:
 *
 * - a per-caller concurrency cap: one caller has at most `callerConcurrency` upstream requests in flight in this
 *   process; its further requests wait for its own, in order;
 * - a per-caller share: one caller's requests may fill at most `callerSharePercent` of the budget in any window
 *   (a `Share` of the limiter, so with Redis it holds across replicas), which leaves the rest to everyone else;
 * - fair queueing: once a request has to wait for the budget, every request for that budget waits in one line per
 *   process in which callers take turns (round robin), instead of racing: a caller with eight waiting requests
 *   and a caller with one get alternate slots, and a caller held back by its own share lets the others pass.
 *
 * While nobody waits, requests ask the limiter directly and concurrently, so an idle gateway pays nothing.
 * Other kinds of work (live polling, say) use the same line with a caller key and a share of their own.
 */

export interface FairOptions {
  /** The budget's requests per window (the limiter's limit), to turn a percent into requests. */
  limit: number;
  /** Upstream requests one caller may have in flight at once in this process. */
  callerConcurrency: number;
  /** Percent of the budget one caller may use in any window; 100 turns the share off. */
  callerSharePercent: number;
}

export interface FairRequest {
  /** Whose budget: the pace identity (`paceIdentity` in keys.ts). */
  identity: string;
  /** Who spends it: a caller key derived from the credential hash, never a raw credential. */
  caller: string;
  /** Epoch ms past which the request must not wait; a longer wait fails at once with RATE_LIMITED. */
  deadline: number;
  /** Until when the request may stay in flight (default: the deadline); it counts as in flight until then. */
  holdUntil?: number;
  /** This request's share of the budget in percent, instead of `callerSharePercent`. */
  sharePercent?: number;
  onRefused?: (error: GatewayError) => void;
}

/** An admitted request. `release` once it has answered or failed: it completes the pacing entry. */
export interface Grant extends Slot {
  release(): void;
}

interface Waiter {
  request: FairRequest;
  share: Share | undefined;
  resolve(slot: Slot): void;
  reject(error: unknown): void;
}

/** The callers waiting for one budget; a Map's insertion order is the round-robin order. */
interface Line {
  callers: Map<string, Waiter[]>;
  /** Callers over their own share, until when. */
  blockedUntil: Map<string, number>;
  pumping: boolean;
  /** Ends the pump's current sleep early (a new caller joined, who may be able to go now). */
  wake?: () => void;
}

export class FairPacer {
  private readonly lines = new Map<string, Line>();
  private readonly inFlight = new Map<string, { count: number; waiting: (() => void)[] }>();

  constructor(
    private readonly limiter: Limiter,
    private readonly clock: PacerClock,
    private readonly options: FairOptions,
  ) {}

  async acquire(request: FairRequest): Promise<Grant> {
    await this.enter(request.caller);
    const share = this.shareOf(request);
    let slot: Slot;
    try {
      slot = await this.admit(request, share);
    } catch (error) {
      this.leave(request.caller);
      throw error;
    }
    let released = false;
    return {
      ...slot,
      release: () => {
        if (released) return;
        released = true;
        void this.limiter.complete(request.identity, slot.ticket, share);
        this.leave(request.caller);
      },
    };
  }

  /** Callers with requests in flight or waiting for a concurrency slot (for tests). */
  get activeCallers(): number {
    return this.inFlight.size;
  }

  private shareOf(request: FairRequest): Share | undefined {
    const percent = request.sharePercent ?? this.options.callerSharePercent;
    if (percent >= 100) return undefined;
    return { key: request.caller, limit: Math.max(1, Math.floor((this.options.limit * percent) / 100)) };
  }

  private async enter(caller: string): Promise<void> {
    let state = this.inFlight.get(caller);
    if (state === undefined) {
      state = { count: 0, waiting: [] };
      this.inFlight.set(caller, state);
    }
    if (state.count < this.options.callerConcurrency) {
      state.count += 1;
      return;
    }
    // `leave` hands its slot straight to the next waiter, so the count stays as it is.
    const waiting = state.waiting;
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  private leave(caller: string): void {
    const state = this.inFlight.get(caller);
    if (state === undefined) return;
    const next = state.waiting.shift();
    if (next !== undefined) next();
    else if (--state.count === 0) this.inFlight.delete(caller);
  }

  private holdMs(request: FairRequest): number {
    return Math.max(0, Math.ceil((request.holdUntil ?? request.deadline) - this.clock.now()));
  }

  private async admit(request: FairRequest, share: Share | undefined): Promise<Slot> {
    if (!this.lines.has(request.identity)) {
      // Nobody waits for this budget: ask at once (concurrent requests ask concurrently).
      const admission = await this.limiter.tryAcquire(request.identity, this.holdMs(request), share);
      if (admission.admitted) return { at: admission.at, ticket: admission.ticket };
    }
    return new Promise<Slot>((resolve, reject) => {
      let line = this.lines.get(request.identity);
      if (line === undefined) {
        line = { callers: new Map(), blockedUntil: new Map(), pumping: false };
        this.lines.set(request.identity, line);
      }
      const queue = line.callers.get(request.caller);
      if (queue !== undefined) queue.push({ request, share, resolve, reject });
      else {
        line.callers.set(request.caller, [{ request, share, resolve, reject }]);
        line.wake?.();
      }
      if (!line.pumping) void this.pump(request.identity, line);
    });
  }

  /** Serves one budget's line until it is empty: one admission at a time, callers in turn. */
  private async pump(identity: string, line: Line): Promise<void> {
    line.pumping = true;
    try {
      while (line.callers.size > 0) {
        const now = this.clock.now();
        let chosen: string | undefined;
        let earliest = Number.POSITIVE_INFINITY;
        for (const caller of line.callers.keys()) {
          const until = line.blockedUntil.get(caller) ?? 0;
          if (until <= now) {
            chosen = caller;
            break;
          }
          earliest = Math.min(earliest, until);
        }
        if (chosen === undefined) {
          await this.sleep(line, earliest - now);
          continue;
        }
        const queue = line.callers.get(chosen) ?? [];
        const waiter = queue[0];
        if (waiter === undefined) {
          line.callers.delete(chosen);
          continue;
        }
        const admission = await this.limiter.tryAcquire(identity, this.holdMs(waiter.request), waiter.share);
        if (admission.admitted) {
          queue.shift();
          // Its turn is used: to the back of the line.
          line.callers.delete(chosen);
          line.blockedUntil.delete(chosen);
          if (queue.length > 0) line.callers.set(chosen, queue);
          waiter.resolve({ at: admission.at, ticket: admission.ticket });
          continue;
        }
        const readyAt = this.clock.now() + admission.waitMs;
        if (admission.reason === 'share') {
          // Only this caller is over its share: the others go meanwhile.
          this.refuseLate(line, chosen, readyAt, admission.waitMs);
          if (line.callers.has(chosen)) line.blockedUntil.set(chosen, readyAt);
          continue;
        }
        // The budget is full for everyone: who cannot wait that long fails now, the rest keep their turns.
        for (const caller of [...line.callers.keys()])
          this.refuseLate(line, caller, readyAt, admission.waitMs);
        if (line.callers.size > 0) await this.sleep(line, admission.waitMs);
      }
    } catch (error) {
      // Limiters do not reject (Redis falls back to memory); should one, no waiter may hang.
      for (const queue of line.callers.values()) for (const waiter of queue) waiter.reject(error);
      line.callers.clear();
    } finally {
      line.pumping = false;
      if (line.callers.size === 0 && this.lines.get(identity) === line) this.lines.delete(identity);
    }
  }

  /** Fails the waiters of `caller` whose deadline comes before the budget can have room for them. */
  private refuseLate(line: Line, caller: string, readyAt: number, waitMs: number): void {
    const queue = line.callers.get(caller);
    if (queue === undefined) return;
    const kept = queue.filter((waiter) => {
      if (readyAt <= waiter.request.deadline) return true;
      const error = rateBudgetExceeded(waitMs);
      waiter.request.onRefused?.(error);
      waiter.reject(error);
      return false;
    });
    if (kept.length > 0) line.callers.set(caller, kept);
    else {
      line.callers.delete(caller);
      line.blockedUntil.delete(caller);
    }
  }

  private async sleep(line: Line, ms: number): Promise<void> {
    await Promise.race([
      this.clock.sleep(Math.max(1, ms)),
      new Promise<void>((resolve) => {
        line.wake = resolve;
      }),
    ]);
    line.wake = undefined;
  }
}
