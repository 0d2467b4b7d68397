/** Time and randomness, injected so retry, pacing and token-expiry logic can be tested without real waiting. */
export interface Clock {
  /** Epoch ms (deadlines are epoch ms too). */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1), for backoff jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
