import type { FieldAccessors } from '../../../src/demo-tenant/filter/index.js';
import { TokenAuthority } from '../../../src/demo-tenant/auth.js';
import { HttpError, errorResponseDto } from '../../../src/demo-tenant/http/errors.js';
import {
  parseCount,
  parsePaging,
  parseSorters,
  readQuery,
  sortRecords,
} from '../../../src/demo-tenant/http/params.js';
import { matchRoute } from '../../../src/demo-tenant/http/routes.js';
import { SlidingWindowRateLimiter } from '../../../src/demo-tenant/rate-limit.js';
import { formatTimestamp, parseTimestamp } from '../../../src/demo-tenant/time.js';

function status400(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError && error.status === 400) {
      return (error.body as { messages: { text: string }[] }).messages[0]!.text;
    }
    throw error;
  }
  throw new Error('expected a 400');
}

describe('paging, count and sorter parameters', () => {
  const q = (search: string) => readQuery(search);

  it('defaults limit to 250 and offset to 0', () => {
    expect(parsePaging(q(''))).toEqual({ limit: 250, offset: 0 });
    expect(parsePaging(q('limit=0&offset=7'))).toEqual({ limit: 0, offset: 7 });
    expect(parsePaging(q('limit=250&offset=2147483647'))).toEqual({ limit: 250, offset: 2147483647 });
  });

  it.each(['251', '-1', '1.5', '', 'abc', '1e2', ' 5', '+5', '0x10'])('rejects limit=%j', (limit) => {
    expect(status400(() => parsePaging(q(`limit=${encodeURIComponent(limit)}`)))).toMatch(
      /^Invalid limit '.*': must be an integer from 0 to 250$/,
    );
  });

  it.each(['-1', '2147483648', '1.0', ''])('rejects offset=%j', (offset) => {
    expect(status400(() => parsePaging(q(`offset=${offset}`)))).toMatch(/^Invalid offset/);
  });

  it('treats odd parameter names as plain names', () => {
    const { values, repeated } = readQuery('__proto__=1&constructor=2&toString=3');
    expect(Object.entries(values)).toEqual([
      ['__proto__', '1'],
      ['constructor', '2'],
      ['toString', '3'],
    ]);
    expect(repeated.size).toBe(0);
  });

  it('rejects repeated parameters', () => {
    expect(status400(() => parsePaging(q('limit=5&limit=6')))).toBe(
      "Query parameter 'limit' must not be repeated",
    );
  });

  it('accepts count=true|false only', () => {
    expect(parseCount(q(''))).toBe(false);
    expect(parseCount(q('count=true'))).toBe(true);
    expect(parseCount(q('count=false'))).toBe(false);
    for (const v of ['TRUE', '1', 'yes', ''])
      expect(status400(() => parseCount(q(`count=${v}`)))).toMatch(/Invalid count/);
  });

  it('parses sorters and rejects anything undocumented', () => {
    const allowed = ['triggerId', 'subscriptionName', 'created', 'completed'];
    expect(parseSorters('-created,triggerId', allowed)).toEqual([
      { field: 'created', descending: true },
      { field: 'triggerId', descending: false },
    ]);
    expect(status400(() => parseSorters('name', allowed))).toBe(
      "Invalid sorter field 'name': supported sort fields are triggerId, subscriptionName, created, completed",
    );
    expect(status400(() => parseSorters('created, triggerId', allowed))).toMatch(
      /Invalid sorter field ' triggerId'/,
    );
    expect(status400(() => parseSorters('created,', allowed))).toMatch(/empty sort field/);
    expect(status400(() => parseSorters('-', allowed))).toMatch(/empty sort field/);
    expect(status400(() => parseSorters('', allowed))).toMatch(/empty/);
    expect(status400(() => parseSorters('created,-created', allowed))).toMatch(/repeated/);
    expect(status400(() => parseSorters('+created', allowed))).toMatch(/Invalid sorter field '\+created'/);
  });

  it('sorts nulls as the largest value and breaks ties by id', () => {
    type R = { id: string; t: string | null; at: string | null };
    const fields: FieldAccessors<R> = {
      t: { type: 'string', get: (r) => r.t },
      at: { type: 'datetime', get: (r) => r.at },
    };
    const rows: R[] = [
      { id: 'd', t: 'b', at: null },
      { id: 'c', t: null, at: '2026-01-01T00:00:00.000000001Z' },
      { id: 'b', t: 'a', at: '2026-01-01T00:00:00Z' },
      { id: 'a', t: 'b', at: '2025-12-31T23:59:59.999Z' },
    ];
    const ids = (keys: Parameters<typeof parseSorters>[0]) =>
      sortRecords(rows, parseSorters(keys, ['t', 'at']), fields, (r) => r.id).map((r) => r.id);
    expect(ids('t')).toEqual(['b', 'a', 'd', 'c']);
    expect(ids('-t')).toEqual(['c', 'a', 'd', 'b']);
    expect(ids('at')).toEqual(['a', 'b', 'c', 'd']);
    expect(ids('-at')).toEqual(['d', 'c', 'b', 'a']);
    expect(ids('t,-at')).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('routes', () => {
  it.each([
    ['/workflows/v1', 'listWorkflows', 'v1', undefined],
    ['/workflows/v1/abc', 'getWorkflow', 'v1', 'abc'],
    ['/workflows/v1/abc/executions', 'listExecutions', 'v1', 'abc'],
    ['/workflow-executions/v1/e%201', 'getExecution', 'v1', 'e 1'],
    ['/workflow-executions/v1/e1/history', 'getExecutionHistory', 'v1', 'e1'],
    ['/workflow-executions/v1/e1/history-v2', 'getExecutionHistoryV2', 'v1', 'e1'],
    ['/trigger-invocations/v1/status', 'listInvocationStatuses', 'v1', undefined],
    ['/account-activities/v1', 'listAccountActivities', 'v1', undefined],
    ['/account-activities/v1/a1', 'getAccountActivity', 'v1', 'a1'],
    ['/v2025/workflows', 'listWorkflows', 'v2025', undefined],
    ['/v2024/workflows/abc/executions', 'listExecutions', 'v2024', 'abc'],
    ['/beta/workflow-executions/e1', 'getExecution', 'beta', 'e1'],
    ['/v2025/workflow-executions/e1/history-v2', 'getExecutionHistoryV2', 'v2025', 'e1'],
    ['/v2025/trigger-invocations/status', 'listInvocationStatuses', 'v2025', undefined],
    ['/beta/account-activities/a1', 'getAccountActivity', 'beta', 'a1'],
  ])('%s -> %s', (path, name, style, id) => {
    expect(matchRoute(path)).toEqual(id === undefined ? { name, style } : { name, style, id });
  });

  it.each([
    '/workflows',
    '/workflows/v1/',
    '/workflows/v1/abc/',
    '/workflows/V1',
    '/v3/workflows',
    '/v2026/workflows',
    '/v2024/workflow-executions/e1/history-v2',
    '/beta/workflow-executions/e1/history-v2',
    '/trigger-invocations/v1',
    '/v2025/trigger-invocations/v1/status',
    '/workflows/v1/%E0%A4%A',
    '/workflows/v1//executions',
    '/',
  ])('%s is not a route', (path) => {
    expect(matchRoute(path)).toBeNull();
  });
});

describe('SlidingWindowRateLimiter', () => {
  it('admits N per window per key and tells when the next request fits', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowRateLimiter(5, 10_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(limiter.take('a')).toEqual({ allowed: true });
      now += 1000;
    }
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 5 });
    expect(limiter.take('b')).toEqual({ allowed: true });
    now += 4999;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts by arrival time, whatever order the checks run in', () => {
    const limiter = new SlidingWindowRateLimiter(2, 1000, () => 5000);
    expect(limiter.take('a', 1500).allowed).toBe(true);
    expect(limiter.take('a', 1000).allowed).toBe(true);
    expect(limiter.take('a', 1999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 2000).allowed).toBe(true);
  });

  it('does not count rejected requests', () => {
    let now = 0;
    const limiter = new SlidingWindowRateLimiter(2, 1000, () => now);
    limiter.take('a');
    limiter.take('a');
    for (let i = 0; i < 10; i++) expect(limiter.take('a').allowed).toBe(false);
    now = 1000;
    expect(limiter.take('a').allowed).toBe(true);
  });
});

describe('TokenAuthority', () => {
  let now = 1_700_000_000_000;
  const authority = new TokenAuthority(749, () => now);
  const client = authority.newClient('2c9180aaaaaaaaaaaaaaaaaaaaaaaaaa');

  it('issues JWTs that verify until they expire', () => {
    const { token, claims } = authority.issue(client.clientId);
    expect(token.split('.')).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({
      client_id: client.clientId,
      identity_id: client.identityId,
      exp: now / 1000 + 749,
    });
    expect(authority.verify(token)).toEqual({ ok: true, claims });
    now += 748_999;
    expect(authority.verify(token).ok).toBe(true);
    now += 1;
    expect(authority.verify(token)).toEqual({ ok: false, error: 'JWT validation failed: JWT is expired' });
  });

  it('rejects tampered, foreign and malformed tokens', () => {
    const { token } = authority.issue(client.clientId, 60);
    const [h, p, s] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), exp: 9e12 }),
    ).toString('base64url');
    expect(authority.verify(`${h}.${forged}.${s}`)).toEqual({
      ok: false,
      error: 'JWT validation failed: invalid signature',
    });
    const other = new TokenAuthority(749, () => now);
    other.register({ ...client });
    expect(authority.verify(other.issue(client.clientId).token).ok).toBe(false);
    expect(authority.verify('abc')).toEqual({ ok: false, error: 'JWT validation failed: malformed token' });
    expect(authority.verify('a.b.c').ok).toBe(false);
  });

  it('checks client secrets', () => {
    expect(authority.authenticate(client.clientId, client.clientSecret)).toBe(client);
    expect(authority.authenticate(client.clientId, `${client.clientSecret}x`)).toBeUndefined();
    expect(authority.authenticate('nobody', client.clientSecret)).toBeUndefined();
    expect(() => authority.issue('nobody')).toThrow(/unknown demo-tenant client/);
  });
});

describe('errors and timestamps', () => {
  it('builds ErrorResponseDtos with a fresh tracking id', () => {
    const a = errorResponseDto(404, 'gone');
    expect(a).toEqual({
      detailCode: '404 Not found',
      trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'gone' }],
      causes: [],
    });
    expect(errorResponseDto(404, 'gone').trackingId).not.toBe(a.trackingId);
  });

  it('formats like toISOString and parses nanoseconds and offsets', () => {
    for (const ms of [0, 951_782_400_000, 1_709_251_199_999, 4_102_444_800_000]) {
      expect(formatTimestamp(ms, 3)).toBe(new Date(ms).toISOString());
    }
    expect(formatTimestamp(1_000, 9, 42)).toBe('1970-01-01T00:00:01.000000042Z');
    expect(formatTimestamp(1_500, 0)).toBe('1970-01-01T00:00:01Z');
    expect(parseTimestamp('1970-01-01T00:00:01.000000042Z')).toBe(1_000_000_042n);
    expect(parseTimestamp('1970-01-01T01:00:00+01:00')).toBe(0n);
    expect(parseTimestamp('1970-01-01T00:00:00')).toBeNull();
    expect(parseTimestamp('1970-01-01T00:00:00', true)).toBe(0n);
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseTimestamp('2024-02-29T00:00:00Z')).not.toBeNull();
    expect(parseTimestamp('2024-01-01T24:00:00Z')).toBeNull();
    expect(parseTimestamp('2024-01-01t00:00:00z')).toBeNull();
    expect(parseTimestamp('2024-01-01T00:00:00.1234567890Z')).toBeNull();
  });
});
