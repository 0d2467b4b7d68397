/**
 * In-flight coalescing: concurrent identical upstream requests of the same caller share one promise, across
 * GraphQL operations (DataLoader only dedupes within one operation). The key is the cache key, which already
 * includes the caller's credential hash, so two callers never share a response.
 *
 * Per process only: a replica cannot wait on another replica's in-flight request, and the shared cache covers
 * the cross-replica case as soon as the first response lands.
 */
export class Coalescer {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /**
   * Runs `start` unless a call with the same key is already in flight, in which case its promise is returned and
   * `shared` is true. The entry is removed when the promise settles, success or failure, so a failure is never
   * replayed to later callers.
   */
  run<T>(key: string, start: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
    const existing = this.inFlight.get(key) as Promise<T> | undefined;
    if (existing) return { promise: existing, shared: true };
    const promise = start().finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return { promise, shared: false };
  }

  get size(): number {
    return this.inFlight.size;
  }
}
