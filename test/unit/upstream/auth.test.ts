import { GatewayError } from '../../../src/core/errors.js';
import {
  resolveCallerAuth,
  ServiceTokenSource,
  tokenRefreshAt,
  type TokenGrant,
} from '../../../src/upstream/auth.js';

const NOW = 1_700_000_000_000;

describe('tokenRefreshAt', () => {
  test('10% margin for short lifetimes, at most 60 s for long ones', () => {
    expect(tokenRefreshAt(NOW, 100)).toBe(NOW + 90_000);
    expect(tokenRefreshAt(NOW, 749)).toBe(NOW + 689_000);
    expect(tokenRefreshAt(NOW, 43_200)).toBe(NOW + 43_140_000);
  });

  test('missing or nonsense expires_in falls back to a short lifetime', () => {
    expect(tokenRefreshAt(NOW, Number.NaN)).toBe(NOW + 270_000);
    expect(tokenRefreshAt(NOW, -5)).toBe(NOW + 270_000);
  });
});

function tokenSource(grants: TokenGrant[]) {
  let now = NOW;
  const calls: number[] = [];
  const pending: ((grant: TokenGrant) => void)[] = [];
  const source = new ServiceTokenSource(
    () => {
      calls.push(now);
      return new Promise<TokenGrant>((resolve) => pending.push(resolve));
    },
    () => now,
  );
  const settle = () => {
    const next = grants.shift();
    if (!next) throw new Error('no grant left');
    pending.shift()?.(next);
  };
  return { source, calls, settle, advance: (ms: number) => (now += ms) };
}

describe('ServiceTokenSource', () => {
  test('concurrent requests share one fetch; the token is reused until shortly before expiry', async () => {
    const t = tokenSource([
      { accessToken: 'token-one', expiresInSeconds: 100 },
      { accessToken: 'token-two', expiresInSeconds: 100 },
    ]);
    const first = t.source.token();
    const second = t.source.token();
    t.settle();
    expect(await first).toBe('token-one');
    expect(await second).toBe('token-one');
    expect(t.calls).toHaveLength(1);

    t.advance(89_000);
    expect(await t.source.token()).toBe('token-one');
    expect(t.calls).toHaveLength(1);

    t.advance(1_000);
    const third = t.source.token();
    t.settle();
    expect(await third).toBe('token-two');
    expect(t.calls).toHaveLength(2);
  });

  test('invalidate drops only the rejected token', async () => {
    const t = tokenSource([
      { accessToken: 'token-one', expiresInSeconds: 600 },
      { accessToken: 'token-two', expiresInSeconds: 600 },
    ]);
    const first = t.source.token();
    t.settle();
    await first;
    t.source.invalidate('someone-elses-old-token');
    expect(await t.source.token()).toBe('token-one');
    t.source.invalidate('token-one');
    const next = t.source.token();
    t.settle();
    expect(await next).toBe('token-two');
    expect(t.calls).toHaveLength(2);
  });

  test('a failed fetch is not cached', async () => {
    let attempt = 0;
    const source = new ServiceTokenSource(async () => {
      attempt += 1;
      if (attempt === 1) throw new GatewayError('UPSTREAM_ERROR', 'boom');
      return { accessToken: 'token-ok', expiresInSeconds: 600 };
    });
    await expect(source.token()).rejects.toThrow('boom');
    await expect(source.token()).resolves.toBe('token-ok');
  });
});

describe('resolveCallerAuth', () => {
  const service = { mode: 'service' as const, clientId: 'client-1', clientSecret: 'client-secret-value' };
  const tokens = () =>
    new ServiceTokenSource(async () => ({ accessToken: 'svc-token-123456', expiresInSeconds: 600 }));

  test('pass-through forwards the caller token', async () => {
    const auth = resolveCallerAuth(
      { mode: 'pass-through' },
      { kind: 'bearer', token: 'caller-token' },
      'h',
      undefined,
    );
    if (auth instanceof GatewayError) throw auth;
    expect(await auth.authorization()).toBe('Bearer caller-token');
    expect(auth.refresh).toBeUndefined();
    expect(auth.secrets()).toEqual(['caller-token']);
  });

  test('pass-through without a token is UNAUTHENTICATED', () => {
    for (const credential of [{ kind: 'anonymous' as const }, { kind: 'service' as const, apiKey: 'k' }]) {
      const auth = resolveCallerAuth({ mode: 'pass-through' }, credential, 'h', undefined);
      expect(auth).toBeInstanceOf(GatewayError);
      expect((auth as GatewayError).code).toBe('UNAUTHENTICATED');
    }
  });

  test('a token with control characters is refused before it reaches a header', () => {
    const auth = resolveCallerAuth(
      { mode: 'pass-through' },
      { kind: 'bearer', token: 'a\r\nX-Evil: 1' },
      'h',
      undefined,
    );
    expect((auth as GatewayError).code).toBe('UNAUTHENTICATED');
  });

  test('service mode: api-key and anonymous callers use the service token and share its pace identity', async () => {
    const source = tokens();
    const a = resolveCallerAuth(service, { kind: 'service', apiKey: 'key-a' }, 'ha', source);
    const b = resolveCallerAuth(service, { kind: 'anonymous' }, 'hb', source);
    if (a instanceof GatewayError || b instanceof GatewayError) throw new Error('unexpected');
    expect(await a.authorization()).toBe('Bearer svc-token-123456');
    expect(await b.authorization()).toBe('Bearer svc-token-123456');
    expect(a.paceIdentity).toBe(b.paceIdentity);
    expect(a.refresh).toBeDefined();
    expect(a.secrets()).toEqual(['svc-token-123456', 'client-secret-value']);
  });

  test('pass-through pace identity follows the token hash', () => {
    const a = resolveCallerAuth(
      { mode: 'pass-through' },
      { kind: 'bearer', token: 't1' },
      'hash-1',
      undefined,
    );
    const b = resolveCallerAuth(
      { mode: 'pass-through' },
      { kind: 'bearer', token: 't2' },
      'hash-2',
      undefined,
    );
    if (a instanceof GatewayError || b instanceof GatewayError) throw new Error('unexpected');
    expect(a.paceIdentity).not.toBe(b.paceIdentity);
  });
});
