// Rejection of invalid variables (all reported at once, secrets never echoed), the rate limit syntax, and the
// list of variables loadConfig reads.
import { CONFIG_VARIABLES, loadConfig, parseRateLimit } from '../../../src/config/index.js';
import { problemsOfInvalid as problemsOf } from './problems.js';

describe('validation', () => {
  it('lists every invalid variable at once', () => {
    const problems = problemsOf({
      PORT: '70000',
      SAILPOINT_BASE_URL: 'ftp://x',
      SAILPOINT_API_PATHS: 'v3',
      CACHE_URL: 'http://redis:6379',
      CACHE_TTL_SECONDS: 'ten',
      UPSTREAM_RATE_LIMIT: '100 per 10s',
      UPSTREAM_TIMEOUT_MS: '-1',
      UPSTREAM_MAX_RETRIES: '99',
      MAX_PAGE_SIZE: '0',
      GRAPHQL_INTROSPECTION: 'maybe',
      CORS_ORIGINS: 'https://app.example.com/',
      MAX_DEPTH: '1.5',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'PORT',
        'LOG_LEVEL',
        'SAILPOINT_BASE_URL',
        'SAILPOINT_API_PATHS',
        'CACHE_URL',
        'UPSTREAM_RATE_LIMIT',
        'CORS_ORIGINS',
        'UPSTREAM_TIMEOUT_MS',
        'UPSTREAM_MAX_RETRIES',
        'CACHE_TTL_SECONDS',
        'MAX_PAGE_SIZE',
        'GRAPHQL_INTROSPECTION',
        'MAX_DEPTH',
      ].sort(),
    );
  });

  it('formats the error message with one line per problem', () => {
    expect(() => loadConfig({ PORT: 'x', MAX_COST: '0' })).toThrow(
      'Invalid configuration:\n  - PORT: expected a whole number, got "x"\n  - MAX_COST: must be at least 1, got 0',
    );
  });

  it('accepts port 0 (any free port)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it.each([
    ['https://acme.api.identitynow.com', 'https://acme.api.identitynow.com'],
    ['https://api.example.com/sailpoint/', 'https://api.example.com/sailpoint'],
    ['http://127.0.0.1:7100', 'http://127.0.0.1:7100'],
  ])('normalises SAILPOINT_BASE_URL %s', (raw, expected) => {
    expect(loadConfig({ SAILPOINT_BASE_URL: raw }).sailpoint?.baseUrl).toBe(expected);
  });

  it.each(['not a url', 'https://user:pw@acme.api.identitynow.com', 'https://acme.api.identitynow.com/?x=1'])(
    'rejects SAILPOINT_BASE_URL %s',
    (raw) => {
      expect(problemsOf({ SAILPOINT_BASE_URL: raw })).toEqual([
        expect.stringMatching(/^SAILPOINT_BASE_URL: /),
      ]);
    },
  );

  it('does not echo a CACHE_URL, which may hold a password', () => {
    const problems = problemsOf({ CACHE_URL: 'http://:hunter2@redis:6379' });
    expect(problems.join()).not.toContain('hunter2');
  });

  it('accepts redis and rediss cache URLs', () => {
    expect(loadConfig({ CACHE_URL: 'redis://redis:6379' }).upstream.cache.url).toBe('redis://redis:6379');
    expect(loadConfig({ CACHE_URL: 'rediss://:pw@cache.example.com:6380/0' }).upstream.cache.url).toBe(
      'rediss://:pw@cache.example.com:6380/0',
    );
  });

  it('reads every API path style', () => {
    for (const paths of ['v1', 'v2025', 'v2024', 'beta'] as const) {
      expect(loadConfig({ SAILPOINT_API_PATHS: paths }).upstream.apiPaths).toBe(paths);
    }
  });
});

describe('parseRateLimit', () => {
  it.each([
    ['100/10s', { requests: 100, windowMs: 10_000 }],
    ['5/s', { requests: 5, windowMs: 1000 }],
    ['50/500ms', { requests: 50, windowMs: 500 }],
    ['600/1m', { requests: 600, windowMs: 60_000 }],
    ['10/1.5s', { requests: 10, windowMs: 1500 }],
  ])('%s', (raw, expected) => {
    const problems: string[] = [];
    expect(parseRateLimit(raw, problems)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it.each(['100', '100/10', '0/10s', '100/0s', '10/10h', 'a/10s'])('rejects %s', (raw) => {
    const problems: string[] = [];
    parseRateLimit(raw, problems);
    expect(problems).toEqual([expect.stringMatching(/^UPSTREAM_RATE_LIMIT: /)]);
  });
});

describe('CONFIG_VARIABLES', () => {
  it('names each variable once', () => {
    expect(new Set(CONFIG_VARIABLES).size).toBe(CONFIG_VARIABLES.length);
  });

  it('is exactly what loadConfig reads', () => {
    const read = new Set<string>();
    const env = new Proxy<Record<string, string | undefined>>(
      {},
      {
        get: (_target, name) => {
          if (typeof name === 'string') read.add(name);
          return undefined;
        },
      },
    );
    loadConfig(env);
    expect([...read].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
