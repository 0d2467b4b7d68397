import { createHash } from 'node:crypto';
import type { CallerCredential } from '../core/credential.js';

/**
 * Key derivation for the shared cache, coalescing and pacing.
 *
 * Why plain SHA-256 and not an HMAC with a per-process secret: several gateway replicas share one Redis, so the
 * same caller must get the same key on every replica, and a per-process secret would break that (a shared secret
 * would be one more thing to distribute). An unkeyed hash is safe enough because what we hash is high-entropy:
 * SailPoint access tokens are signed JWTs of hundreds of characters, and gateway API keys should be random strings;
 * nobody can enumerate preimages of those. The fixed domain-separation prefix makes our digests useless as a lookup
 * against SHA-256 digests of the same token computed anywhere else. Operators must not configure guessable API keys
 * (README), because those could be brute-forced from a leaked Redis dump.
 */

const CREDENTIAL_DOMAIN = 'sailpoint-graphql-gateway/credential/v1\u0000';
const CACHE_KEY_DOMAIN = 'sailpoint-graphql-gateway/cache-key/v1\u0000';
const RESPONSE_KEY_DOMAIN = 'sailpoint-graphql-gateway/response-key/v1\u0000';
const PACE_DOMAIN = 'sailpoint-graphql-gateway/pace/v1\u0000';
const CALLER_DOMAIN = 'sailpoint-graphql-gateway/caller/v1\u0000';

/** Prefix of every Redis key the gateway writes, so an operator can find (or flush) them. */
export const KEY_PREFIX = 'sgw:';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Stable across processes and replicas; never contains the credential. */
export function credentialHash(credential: CallerCredential): string {
  switch (credential.kind) {
    case 'bearer':
      return sha256(`${CREDENTIAL_DOMAIN}bearer\u0000${credential.token}`);
    case 'service':
      return sha256(`${CREDENTIAL_DOMAIN}api-key\u0000${credential.apiKey}`);
    case 'anonymous':
      return sha256(`${CREDENTIAL_DOMAIN}anonymous`);
  }
}

export interface CacheKeyParts {
  /** From `credentialHash`: partitions the cache per caller, so one caller never gets another's entries. */
  credentialHash: string;
  /** SailPoint base URL: two tenants behind one Redis never share entries even for the same API key. */
  baseUrl: string;
  method: string;
  /** Path as sent (ids already encoded). */
  path: string;
  query: Readonly<Record<string, string>>;
}

/** Key of one upstream request of one caller; also the coalescing key. Parameter order does not matter. */
export function cacheKey(parts: CacheKeyParts): string {
  const query = Object.entries(parts.query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // JSON of an array is unambiguous: no choice of separators could make two different requests collide.
  const material = JSON.stringify([
    parts.credentialHash,
    parts.baseUrl,
    parts.method.toUpperCase(),
    parts.path,
    query,
  ]);
  return `${KEY_PREFIX}cache:${sha256(CACHE_KEY_DOMAIN + material)}`;
}

export interface ResponseKeyParts {
  /** From `credentialHash`: a cached operation is only ever served to the caller it was computed for. */
  credentialHash: string;
  baseUrl: string;
  /** The operation's document text, as received. */
  document: string;
  operationName: string | null;
  variables: Readonly<Record<string, unknown>>;
}

/**
 * Key of one whole GraphQL operation of one caller (the response cache). Variables are keyed as JSON: the same
 * values in another key order are another entry (a miss), never a wrong answer.
 */
export function responseCacheKey(parts: ResponseKeyParts): string {
  const material = JSON.stringify([
    parts.credentialHash,
    parts.baseUrl,
    parts.operationName,
    parts.document,
    parts.variables,
  ]);
  return `${KEY_PREFIX}response:${sha256(RESPONSE_KEY_DOMAIN + material)}`;
}

/**
 * Identity of an upstream rate budget: SailPoint counts requests per client (UPSTREAM.md section 8). In service
 * mode that is our client id; in pass-through mode each caller's token is its own budget.
 */
export function paceIdentity(
  source: { kind: 'service-client'; clientId: string } | { kind: 'token'; tokenHash: string },
): string {
  return source.kind === 'service-client'
    ? sha256(`${PACE_DOMAIN}client\u0000${source.clientId}`)
    : sha256(`${PACE_DOMAIN}token\u0000${source.tokenHash}`);
}

/**
 * Who takes turns and holds a share of a rate budget (cache/fair.ts): the credential hash, except for anonymous
 * callers (demo mode), who all have the same one and are told apart by their TCP peer address instead (behind a
 * proxy they are then one caller). Hashed, so neither a credential nor an address appears in Redis keys.
 */
export function callerKey(
  credential: CallerCredential,
  hash: string,
  clientAddress: string | undefined,
): string {
  if (credential.kind !== 'anonymous' || clientAddress === undefined) return hash;
  return sha256(`${CALLER_DOMAIN}anonymous\u0000${clientAddress}`);
}
