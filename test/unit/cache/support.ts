// Shared by the SlidingWindowLog tests: the limit they all check, that no window ever holds more than N.

/** True if no window [s, s + windowMs) holds more than `limit` of the (sorted) admission times. */
export function neverMoreThan(limit: number, windowMs: number, times: number[]): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  for (let i = 0; i + limit < sorted.length; i++) {
    if ((sorted[i + limit] as number) - (sorted[i] as number) < windowMs) return false;
  }
  return true;
}
