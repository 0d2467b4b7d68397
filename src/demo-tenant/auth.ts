import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface Client {
  clientId: string;
  clientSecret: string;
  identityId: string;
}

export interface TokenClaims {
  clientId: string;
  identityId: string;
  /** Expiry, epoch seconds (may be fractional so sub-second TTLs work in tests). */
  exp: number;
  jti: string;
}

export type Verification = { ok: true; claims: TokenClaims } | { ok: false; error: string };

const TENANT = { tenantId: 'a7f0f1d9-2a4e-4c50-9d3c-demo00tenant', pod: 'stg01-useast1', org: 'demo-tenant' };

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Client registry and token issuer. Access tokens are HS256 JWTs signed with a key that lives only in this
 * tenant instance, so a token from another tenant (or a tampered one) fails like an unknown token would, and
 * expiry is the `exp` claim, as with SailPoint's JWTs. Expiry runs on the wall clock, not the data clock.
 */
export class TokenAuthority {
  private readonly key = randomBytes(32);
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly defaultTtlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  register(client: Client): Client {
    this.clients.set(client.clientId, client);
    return client;
  }

  newClient(identityId: string): Client {
    return this.register({
      clientId: randomBytes(16).toString('hex'),
      clientSecret: randomBytes(32).toString('hex'),
      identityId,
    });
  }

  client(clientId: string): Client | undefined {
    return this.clients.get(clientId);
  }

  /** Checks client id and secret in constant time. */
  authenticate(clientId: string, clientSecret: string): Client | undefined {
    const client = this.clients.get(clientId);
    if (!client) return undefined;
    const a = Buffer.from(client.clientSecret);
    const b = Buffer.from(clientSecret);
    return a.length === b.length && timingSafeEqual(a, b) ? client : undefined;
  }

  issue(clientId: string, ttlSeconds = this.defaultTtlSeconds): { token: string; claims: TokenClaims } {
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`unknown demo-tenant client '${clientId}'`);
    const claims: TokenClaims = {
      clientId,
      identityId: client.identityId,
      exp: this.clock() / 1000 + ttlSeconds,
      jti: randomUUID(),
    };
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        tenant_id: TENANT.tenantId,
        pod: TENANT.pod,
        org: TENANT.org,
        identity_id: client.identityId,
        user_name: client.identityId,
        strong_auth: true,
        authorities: ['ORG_ADMIN', 'sp:user'],
        client_id: clientId,
        strong_auth_supported: false,
        user_id: client.identityId,
        scope: ['sp:scopes:all'],
        exp: claims.exp,
        jti: claims.jti,
      }),
    );
    return { token: `${header}.${payload}.${this.sign(`${header}.${payload}`)}`, claims };
  }

  verify(token: string): Verification {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, error: 'JWT validation failed: malformed token' };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, error: 'JWT validation failed: invalid signature' };
    }
    let body: { client_id?: unknown; identity_id?: unknown; exp?: unknown; jti?: unknown };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
    } catch {
      return { ok: false, error: 'JWT validation failed: malformed token' };
    }
    if (
      typeof body.exp !== 'number' ||
      typeof body.client_id !== 'string' ||
      typeof body.identity_id !== 'string'
    ) {
      return { ok: false, error: 'JWT validation failed: malformed token' };
    }
    if (this.clock() / 1000 >= body.exp) return { ok: false, error: 'JWT validation failed: JWT is expired' };
    if (!this.clients.has(body.client_id))
      return { ok: false, error: 'JWT validation failed: unknown client' };
    return {
      ok: true,
      claims: {
        clientId: body.client_id,
        identityId: body.identity_id,
        exp: body.exp,
        jti: String(body.jti),
      },
    };
  }

  tokenResponse(clientId: string): Record<string, unknown> {
    const { token, claims } = this.issue(clientId);
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: this.defaultTtlSeconds,
      scope: 'sp:scopes:all',
      tenant_id: TENANT.tenantId,
      pod: TENANT.pod,
      strong_auth_supported: false,
      org: TENANT.org,
      identity_id: claims.identityId,
      user_name: claims.identityId,
      strong_auth: true,
      user_id: claims.identityId,
      jti: claims.jti,
    };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
