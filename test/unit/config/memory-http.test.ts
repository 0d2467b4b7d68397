import { loadConfig } from '../../../src/config/index.js';
import { problemsOf } from './problems.js';

describe('memory and HTTP server limits', () => {
  it('defaults to a 32 KiB document, 64 KiB body, 16 MiB in flight and timeouts of seconds', () => {
    const config = loadConfig({});
    expect(config.memory).toEqual({
      maxDocumentBytes: 32768,
      documentCacheBytes: 16 * 1024 * 1024,
      maxBodyBytes: 65536,
      maxBufferedBodyBytes: 16 * 1024 * 1024,
    });
    expect(config.httpServer).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1024,
    });
  });

  it('reads each variable', () => {
    const config = loadConfig({
      MAX_DOCUMENT_BYTES: '1000',
      DOCUMENT_CACHE_BYTES: '0',
      MAX_BODY_BYTES: '2000',
      MAX_BUFFERED_BODY_BYTES: '3000',
      HTTP_HEADERS_TIMEOUT_MS: '100',
      HTTP_REQUEST_TIMEOUT_MS: '200',
      HTTP_KEEPALIVE_TIMEOUT_MS: '300',
      HTTP_MAX_CONNECTIONS: '7',
    });
    expect(config.memory).toEqual({
      maxDocumentBytes: 1000,
      documentCacheBytes: 0,
      maxBodyBytes: 2000,
      maxBufferedBodyBytes: 3000,
    });
    expect(config.httpServer).toEqual({
      headersTimeoutMs: 100,
      requestTimeoutMs: 200,
      keepAliveTimeoutMs: 300,
      maxConnections: 7,
    });
  });

  it('refuses a header timeout longer than the request timeout, and non-positive limits', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (10000), got 20000',
    ]);
    expect(problemsOf({ MAX_DOCUMENT_BYTES: '0', HTTP_MAX_CONNECTIONS: '0', MAX_BODY_BYTES: 'big' })).toEqual(
      [
        'HTTP_MAX_CONNECTIONS: must be at least 1, got 0',
        'MAX_DOCUMENT_BYTES: must be at least 1, got 0',
        'MAX_BODY_BYTES: expected a whole number, got "big"',
      ],
    );
  });
});

describe('demo mode in production', () => {
  it('refuses to start unless DEMO_IN_PRODUCTION=true', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^SAILPOINT_BASE_URL: unset with NODE_ENV=production.*DEMO_IN_PRODUCTION=true/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', DEMO_IN_PRODUCTION: 'true' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'production', SAILPOINT_BASE_URL: 'https://acme.example' })).toEqual([]);
  });
});
