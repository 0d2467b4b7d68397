export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Sliding-window log per key: at most `requests` accepted requests in any `windowMs`. Rejected requests are not
 * logged, so a caller that waits the advertised Retry-After is admitted (a gateway honouring Retry-After must be
 * able to succeed).
 */
export class SlidingWindowRateLimiter {
  private readonly log = new Map<string, number[]>();

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.clock();
    const times = (this.log.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length >= this.requests) {
      this.log.set(key, times);
      // The request becomes possible once enough of the logged ones have left the window.
      const oldest = times[times.length - this.requests] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
      };
    }
    times.push(now);
    this.log.set(key, times);
    return { allowed: true };
  }
}
