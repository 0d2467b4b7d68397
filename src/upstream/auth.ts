import { paceIdentity } from '../cache/keys.js';
import { GatewayError } from '../core/errors.js';
import type { CallerCredential } from '../core/credential.js';
import type { UpstreamConfig } from './config.js';

/**
 * How a caller's upstream requests authenticate (DESIGN.md section 2):
 * - pass-through: the caller's own bearer token is forwarded; no token means UNAUTHENTICATED before any call;
 * - service: the gateway's client-credentials token, shared by every caller holding a gateway API key (and, in
 *   demo mode, by anonymous callers).
 */

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
}

/** When SailPoint omits or garbles `expires_in`, assume a short life and let a 401 trigger the refresh. */
const FALLBACK_LIFETIME_SECONDS = 300;

/**
 * When to stop using a token: before it expires, by 10% of its lifetime but at most 60 s, so a request started
 * just before the refresh point still arrives with a valid token even with some clock skew.
 */
export function tokenRefreshAt(now: number, expiresInSeconds: number): number {
  const seconds =
    Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? expiresInSeconds : FALLBACK_LIFETIME_SECONDS;
  const lifetimeMs = seconds * 1000;
  return now + lifetimeMs - Math.min(60_000, lifetimeMs * 0.1);
}

/**
 * The service account's token: cached until shortly before expiry, one fetch at a time (concurrent callers wait
 * for the same fetch), dropped when SailPoint rejects it so the next request fetches a fresh one. A failed fetch
 * is not cached.
 */
export class ServiceTokenSource {
  private current: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<TokenGrant>,
    private readonly now: () => number = Date.now,
  ) {}

  token(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetchToken()
      .then((grant) => {
        this.current = {
          token: grant.accessToken,
          refreshAt: tokenRefreshAt(this.now(), grant.expiresInSeconds),
        };
        return grant.accessToken;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /**
   * SailPoint answered 401 to `token`. Forget it, unless a concurrent request already replaced it: then the
   * newer token stays and the retry uses it without another fetch.
   */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /** The current token, for scrubbing error text; never logged. */
  knownToken(): string | undefined {
    return this.current?.token;
  }
}

export interface CallerAuth {
  /** Value of the Authorization header for the next request. */
  authorization(): Promise<string>;
  /** After a 401: drop the token that header carried, so `authorization()` fetches a new one. Service mode only. */
  refresh?: (authorization: string) => void;
  /** Whose rate budget the requests spend (see `paceIdentity`). */
  paceIdentity: string;
  /**
   * Whether other callers spend the same budget (the service account): only then does a caller's share of it
   * (UPSTREAM_CALLER_SHARE_PERCENT) apply. A pass-through token's budget is its caller's alone.
   */
  sharedBudget?: boolean;
  /** Secrets that must never appear in an error message, for `scrubSecrets`. */
  secrets(): string[];
}

/** Header values must be visible ASCII: anything else would make the HTTP client throw or split headers. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

function bearerAuth(token: string, credentialHash: string): CallerAuth | GatewayError {
  if (!TOKEN_PATTERN.test(token)) return new GatewayError('UNAUTHENTICATED', 'Malformed bearer token');
  return {
    authorization: () => Promise.resolve(`Bearer ${token}`),
    paceIdentity: paceIdentity({ kind: 'token', tokenHash: credentialHash }),
    secrets: () => [token],
  };
}

/**
 * Binds a caller to its upstream authentication, or explains why it cannot call SailPoint at all. The error is
 * returned, not thrown: the client rejects each call with it, so it lands on the fields that needed SailPoint
 * and introspection still works.
 */
export function resolveCallerAuth(
  auth: UpstreamConfig['auth'],
  credential: CallerCredential,
  credentialHash: string,
  serviceTokens: ServiceTokenSource | undefined,
): CallerAuth | GatewayError {
  if (credential.kind === 'bearer') {
    // Also in service mode: a caller that brought its own SailPoint token gets exactly that token's rights.
    return bearerAuth(credential.token, credentialHash);
  }
  if (auth.mode === 'pass-through' || !serviceTokens) {
    return new GatewayError(
      'UNAUTHENTICATED',
      'A SailPoint access token is required: send it as "Authorization: Bearer <token>"',
    );
  }
  const clientSecret = auth.clientSecret;
  return {
    authorization: async () => `Bearer ${await serviceTokens.token()}`,
    refresh: (authorization) => serviceTokens.invalidate(authorization.replace(/^Bearer /, '')),
    paceIdentity: paceIdentity({ kind: 'service-client', clientId: auth.clientId }),
    sharedBudget: true,
    secrets: () => {
      const token = serviceTokens.knownToken();
      return token ? [token, clientSecret] : [clientSecret];
    },
  };
}
