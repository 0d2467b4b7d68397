import {
  CONFIG_VARIABLES,
  ConfigError,
  DEFAULT_CACHE_MAX_BYTES,
  loadConfig,
  parseRateLimit,
  toUpstreamConfig,
} from '../../../src/config/index.js';

const KEY = 'k'.repeat(24);
const SERVICE = {
  SAILPOINT_BASE_URL: 'https://acme.api.identitynow.com',
  SAILPOINT_CLIENT_ID: 'client',
  SAILPOINT_CLIENT_SECRET: 'secret',
  GATEWAY_API_KEYS: KEY,
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  const config = loadConfig({});

  it('is demo mode on loopback port 4000 with no SailPoint settings', () => {
    expect(config.mode).toBe('demo');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.sailpoint).toBeUndefined();
  });

  it('uses the documented defaults', () => {
    expect(config.upstream).toEqual({
      apiPaths: 'v1',
      timeoutMs: 10_000,
      maxRetries: 2,
      rateLimit: { requests: 100, windowMs: 10_000 },
      fairness: { callerConcurrency: 10, callerSharePercent: 60 },
      cache: { ttlSeconds: 10, workflowTtlSeconds: 60, commandTimeoutMs: 250, maxBytes: 8 * 1024 * 1024 },
    });
    expect(config.maxPageSize).toBe(1000);
    expect(config.requestTimeoutMs).toBe(15_000);
    expect(config.limits).toEqual({
      maxDepth: 15,
      maxAliases: 30,
      maxTokens: 2000,
      maxCost: 50_000,
      maxUpstreamCalls: 60,
    });
    expect(config.logLevel).toBe('info');
    expect(config.graphql).toEqual({ introspection: true, landingPage: true, batching: false });
    expect(config.corsOrigins).toEqual([]);
    expect(config.production).toBe(false);
    expect(config.development).toBe(false);
    expect(config.warnings).toEqual([]);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', SAILPOINT_BASE_URL: ' ', CACHE_URL: '' })).toEqual(config);
  });

  it('reads the Redis command timeout, which must be a positive integer', () => {
    expect(loadConfig({ CACHE_COMMAND_TIMEOUT_MS: '2000' }).upstream.cache.commandTimeoutMs).toBe(2000);
    expect(() => loadConfig({ CACHE_COMMAND_TIMEOUT_MS: '0' })).toThrow(/CACHE_COMMAND_TIMEOUT_MS/);
  });

  it('bounds the in-memory cache by CACHE_MAX_BYTES, at least 1 MiB', () => {
    expect(loadConfig({}).upstream.cache.maxBytes).toBe(DEFAULT_CACHE_MAX_BYTES);
    expect(loadConfig({ CACHE_MAX_BYTES: '8388608' }).upstream.cache.maxBytes).toBe(8 * 1024 * 1024);
    expect(() => loadConfig({ CACHE_MAX_BYTES: '1000' })).toThrow(
      /CACHE_MAX_BYTES: must be at least 1048576/,
    );
    expect(() => loadConfig({ CACHE_MAX_BYTES: '8MB' })).toThrow(/CACHE_MAX_BYTES: expected a whole number/);
  });
});

describe('modes', () => {
  it('is service mode with both client credentials', () => {
    const config = loadConfig(SERVICE);
    expect(config.mode).toBe('service');
    expect(config.sailpoint).toEqual({
      baseUrl: 'https://acme.api.identitynow.com',
      auth: { mode: 'service', clientId: 'client', clientSecret: 'secret' },
    });
    expect(config.apiKeys).toEqual([KEY]);
  });

  it('is pass-through mode with a base URL and no client credentials', () => {
    const config = loadConfig({ SAILPOINT_BASE_URL: 'https://acme.api.identitynow.com/' });
    expect(config.mode).toBe('pass-through');
    expect(config.sailpoint).toEqual({
      baseUrl: 'https://acme.api.identitynow.com',
      auth: { mode: 'pass-through' },
    });
  });

  it('requires API keys in service mode', () => {
    expect(problemsOf({ ...SERVICE, GATEWAY_API_KEYS: undefined })).toEqual([
      expect.stringMatching(/^GATEWAY_API_KEYS: required in service mode/),
    ]);
  });

  it('requires both client id and secret, or neither', () => {
    expect(problemsOf({ ...SERVICE, SAILPOINT_CLIENT_SECRET: undefined })).toEqual([
      expect.stringMatching(/^SAILPOINT_CLIENT_SECRET: must be set together with SAILPOINT_CLIENT_ID/),
    ]);
    expect(problemsOf({ ...SERVICE, SAILPOINT_CLIENT_ID: undefined })).toEqual([
      expect.stringMatching(/^SAILPOINT_CLIENT_ID: must be set together with SAILPOINT_CLIENT_SECRET/),
    ]);
  });

  it('refuses client credentials without a base URL', () => {
    expect(problemsOf({ SAILPOINT_CLIENT_ID: 'a', SAILPOINT_CLIENT_SECRET: 'b' })).toEqual([
      expect.stringMatching(/set SAILPOINT_BASE_URL too/),
    ]);
  });

  it('splits and trims API keys, and warns when they are ignored', () => {
    expect(loadConfig({ ...SERVICE, GATEWAY_API_KEYS: ` ${KEY} ,, ${KEY}2 ` }).apiKeys).toEqual([
      KEY,
      `${KEY}2`,
    ]);
    expect(loadConfig({ GATEWAY_API_KEYS: KEY }).warnings).toEqual([
      expect.stringMatching(/GATEWAY_API_KEYS is ignored in demo mode/),
    ]);
  });

  it('rejects short API keys without echoing them', () => {
    const problems = problemsOf({ ...SERVICE, GATEWAY_API_KEYS: `${KEY},short-key` });
    expect(problems).toEqual(['GATEWAY_API_KEYS: 1 key(s) shorter than 16 characters']);
    expect(problems.join()).not.toContain('short-key');
  });

  it('builds the upstream config from the demo tenant in demo mode', () => {
    const config = loadConfig({});
    expect(() => toUpstreamConfig(config)).toThrow(/demo tenant/);
    expect(
      toUpstreamConfig(config, {
        url: 'http://127.0.0.1:7100/',
        credentials: { clientId: 'd', clientSecret: 's' },
      }),
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:7100',
      auth: { mode: 'service', clientId: 'd', clientSecret: 's' },
    });
    expect(toUpstreamConfig(loadConfig(SERVICE)).baseUrl).toBe('https://acme.api.identitynow.com');
  });
});

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

describe('production', () => {
  it('turns introspection and the landing page off unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO_IN_PRODUCTION: 'true' }).graphql).toEqual({
      introspection: false,
      landingPage: false,
      batching: false,
    });
    expect(
      loadConfig({
        NODE_ENV: 'production',
        DEMO_IN_PRODUCTION: 'true',
        GRAPHQL_INTROSPECTION: 'true',
        GRAPHQL_LANDING_PAGE: '1',
      }).graphql,
    ).toMatchObject({ introspection: true, landingPage: true });
  });

  it('knows development, where stack traces are shown', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).development).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).development).toBe(false);
  });

  it('reads CORS origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:3000' }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:3000']);
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
