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

  /**
   * `at` is when the request arrived: SailPoint counts at its edge, so simulated latency or a slow fault between
   * arrival and this check must not shift the window.
   */
  take(key: string, at: number = this.clock()): RateDecision {
    const times = (this.log.get(key) ?? []).filter((t) => t > at - this.windowMs);
    if (times.length >= this.requests) {
      this.log.set(key, times);
      // The request becomes possible once enough of the logged ones have left the window.
      const oldest = times[times.length - this.requests] ?? at;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - at) / 1000)),
      };
    }
    // Arrival order can differ from check order (per-request delays), so keep the log sorted.
    let i = times.length;
    while (i > 0 && (times[i - 1] as number) > at) i--;
    times.splice(i, 0, at);
    this.log.set(key, times);
    return { allowed: true };
  }
}
