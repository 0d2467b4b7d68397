// What loadConfig gives with nothing set, and what NODE_ENV and CORS_ORIGINS turn on or off in production.
import { DEFAULT_CACHE_MAX_BYTES, loadConfig } from '../../../src/config/index.js';

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
