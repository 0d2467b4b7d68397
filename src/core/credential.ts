/** The caller's credential as the HTTP layer extracted it from the request. Never logged, never a key. */
export type CallerCredential =
  | { kind: 'bearer'; token: string }
  | { kind: 'service'; apiKey: string }
  /** Demo mode only: anonymous callers use the demo tenant's service account. */
  | { kind: 'anonymous' };
