import fc from 'fast-check';
import { cacheKey, credentialHash, paceIdentity } from '../../../src/cache/keys.js';
import type { CallerCredential } from '../../../src/core/credential.js';

const tokenArb = fc.string({ minLength: 8, maxLength: 200 });
const queryArb = fc.dictionary(
  fc.constantFrom('limit', 'offset', 'filters', 'sorters', 'count', 'requested-for'),
  fc.string({ maxLength: 40 }),
);
const partsArb = (token: string) =>
  fc
    .record({
      method: fc.constant('GET'),
      path: fc.constantFrom('workflows/v1', 'account-activities/v1', 'v2025/workflows/abc'),
      query: queryArb,
    })
    .map((p) => ({
      ...p,
      credentialHash: credentialHash({ kind: 'bearer', token }),
      baseUrl: 'https://t.example',
    }));

describe('credentialHash', () => {
  test('stable, hex, and distinct per credential kind', () => {
    const bearer = credentialHash({ kind: 'bearer', token: 'abc' });
    expect(bearer).toMatch(/^[0-9a-f]{64}$/);
    expect(credentialHash({ kind: 'bearer', token: 'abc' })).toBe(bearer);
    expect(credentialHash({ kind: 'service', apiKey: 'abc' })).not.toBe(bearer);
    expect(credentialHash({ kind: 'anonymous' })).toMatch(/^[0-9a-f]{64}$/);
  });

  test('pinned: the same on every replica and release (a change would orphan shared cache entries)', () => {
    expect(credentialHash({ kind: 'bearer', token: 'token-1234' })).toBe(
      '67c55c27ad9a49e39f9b8e81054528ec114783680d8c342c13de9d8fe8b2fcaa',
    );
  });

  test('property: different credentials give different hashes, and never contain the token', () => {
    fc.assert(
      fc.property(tokenArb, tokenArb, (a, b) => {
        fc.pre(a !== b);
        const ha = credentialHash({ kind: 'bearer', token: a });
        const hb = credentialHash({ kind: 'bearer', token: b });
        return ha !== hb && !ha.includes(a);
      }),
    );
  });
});

describe('cacheKey', () => {
  test('property: no token substring in a key (tokens of at least 8 characters)', () => {
    fc.assert(
      fc.property(
        tokenArb.chain((token) => fc.tuple(fc.constant(token), partsArb(token))),
        ([token, parts]) => {
          const key = cacheKey(parts);
          return !key.includes(token) && key.startsWith('sgw:cache:');
        },
      ),
    );
  });

  test('property: same request, different credentials -> different keys', () => {
    fc.assert(
      fc.property(tokenArb, tokenArb, queryArb, (a, b, query) => {
        fc.pre(a !== b);
        const common = { baseUrl: 'https://t.example', method: 'GET', path: 'workflows/v1', query };
        const credentials: CallerCredential[] = [
          { kind: 'bearer', token: a },
          { kind: 'bearer', token: b },
        ];
        const [ka, kb] = credentials.map((c) => cacheKey({ ...common, credentialHash: credentialHash(c) }));
        return ka !== kb;
      }),
    );
  });

  test('property: parameter order does not matter; any parameter change does', () => {
    fc.assert(
      fc.property(queryArb, fc.string({ maxLength: 10 }), (query, extra) => {
        const base = { credentialHash: 'h', baseUrl: 'https://t.example', method: 'GET', path: 'p' };
        const reversed = Object.fromEntries(Object.entries(query).reverse());
        const changed = { ...query, filters: `${query.filters ?? ''}${extra}!` };
        return (
          cacheKey({ ...base, query }) === cacheKey({ ...base, query: reversed }) &&
          cacheKey({ ...base, query }) !== cacheKey({ ...base, query: changed })
        );
      }),
    );
  });

  test('separator tricks cannot make two requests collide', () => {
    const base = { credentialHash: 'h', baseUrl: 'https://t.example', method: 'GET' };
    expect(cacheKey({ ...base, path: 'a', query: { 'b=c': 'd' } })).not.toBe(
      cacheKey({ ...base, path: 'a', query: { b: 'c=d' } }),
    );
    expect(cacheKey({ ...base, path: 'a?b=c', query: {} })).not.toBe(
      cacheKey({ ...base, path: 'a', query: { b: 'c' } }),
    );
  });

  test('the tenant is part of the key', () => {
    const base = { credentialHash: 'h', method: 'GET', path: 'p', query: {} };
    expect(cacheKey({ ...base, baseUrl: 'https://a.example' })).not.toBe(
      cacheKey({ ...base, baseUrl: 'https://b.example' }),
    );
  });
});

describe('paceIdentity', () => {
  test('service client and token budgets are separate and stable', () => {
    const client = paceIdentity({ kind: 'service-client', clientId: 'abc' });
    expect(client).toBe(paceIdentity({ kind: 'service-client', clientId: 'abc' }));
    expect(client).not.toBe(paceIdentity({ kind: 'token', tokenHash: 'abc' }));
    expect(client).not.toContain('abc');
  });
});
