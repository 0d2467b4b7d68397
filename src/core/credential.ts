import { createHash, timingSafeEqual } from 'node:crypto';

/** The caller's credential as the HTTP layer extracted it from the request. Never logged, never a key. */
export type CallerCredential =
  | { kind: 'bearer'; token: string }
  | { kind: 'service'; apiKey: string }
  /** Demo mode only: anonymous callers use the demo tenant's service account. */
  | { kind: 'anonymous' };

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Constant-time membership test against the SHA-256 digests of the configured keys. Hashing first gives equal-length buffers, so neither the key's content nor its
 * length leaks through timing; every configured key is compared, so neither does its position.
 */
export function apiKeyMatches(candidate: string, keyDigests: readonly Buffer[]): boolean {
  const digest = sha256(candidate);
  let match = false;
  for (const keyDigest of keyDigests) match = timingSafeEqual(digest, keyDigest) || match;
  return match;
}
