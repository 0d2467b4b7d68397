import { Writable } from 'node:stream';
import { createLogger, scrubSecrets } from '../../../src/observability/logger.js';
import { MAX_OPERATION_NAMES, createMetrics, normalizeEndpoint } from '../../../src/observability/metrics.js';

// Pure checks of the observability building blocks; the HTTP behaviour is in metrics.test.ts and logging.test.ts.

describe('normalizeEndpoint', () => {
  it.each([
    ['GET /workflows/v1/{id}', 'GET /workflows/v1/{id}'],
    ['GET /workflows/v1/2c9180835d2e5168015d32f890ca1581', 'GET /workflows/v1/{id}'],
    [
      'GET https://acme.api.identitynow.com/v2025/workflows/executions/0f11f2a4-7c94-4bf3-a2bd-742580fe3bde/history?x=1',
      'GET /v2025/workflows/executions/{id}/history',
    ],
    ['GET /account-activities/v1?limit=250&offset=500', 'GET /account-activities/v1'],
    ['/trigger-invocations/v1/status/12345', '/trigger-invocations/v1/status/{id}'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected);
  });
});

describe('createMetrics', () => {
  it('registers every metric in its own registry', async () => {
    const metrics = createMetrics();
    metrics.request('GET /workflows/v1', 200, 12);
    metrics.cache('hit');
    metrics.cache('miss');
    metrics.coalesced();
    metrics.rateLimited('upstream');
    metrics.rateLimited('pacing');
    metrics.rateLimited('pacing');
    metrics.retry('rate_limited');
    metrics.operation('Dashboard', 'success');
    const text = await metrics.registry.metrics();
    for (const line of [
      'upstream_requests_total{endpoint="GET /workflows/v1",status="200"} 1',
      'upstream_request_duration_seconds_count{endpoint="GET /workflows/v1"} 1',
      'cache_requests_total{result="hit"} 1',
      'cache_requests_total{result="miss"} 1',
      'upstream_coalesced_total 1',
      'upstream_rate_limited_total{source="upstream"} 1',
      'upstream_rate_limited_total{source="pacing"} 2',
      'upstream_retries_total{reason="rate_limited"} 1',
      'graphql_operations_total{operation="Dashboard",outcome="success"} 1',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain('process_cpu_user_seconds_total');
    // Two gateways in one process do not clash (prom-client's global registry would throw on re-registration).
    expect(() => createMetrics()).not.toThrow();
  });

  it('caps operation-name cardinality', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.operation(null, 'success');
    metrics.operation('x'.repeat(65), 'error');
    for (let i = 0; i < MAX_OPERATION_NAMES + 5; i++) metrics.operation(`Op${i}`, 'success');
    const text = await metrics.registry.metrics();
    expect(text).toContain('graphql_operations_total{operation="anonymous",outcome="success"} 1');
    expect(text).toContain('graphql_operations_total{operation="other",outcome="error"} 1');
    expect(text).toContain('graphql_operations_total{operation="other",outcome="success"} 5');
    expect(text).not.toContain(`Op${MAX_OPERATION_NAMES}"`);
  });

  it('never makes a label of a string that is not a GraphQL name', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    for (const name of ['GET /workflows/v1/2c9180835d2e5168015d32f890ca1581', 'a b', '1abc', 'x"y'])
      metrics.operation(name, 'error');
    const text = await metrics.registry.metrics();
    expect(text).toContain('graphql_operations_total{operation="other",outcome="error"} 4');
    expect(text.match(/operation="/g)).toHaveLength(1);
  });

  it('counts refused requests under names that operations already used, never new ones', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.operation('Dashboard', 'success');
    metrics.rejected('Dashboard', 'unauthenticated');
    metrics.rejected('Unseen', 'unauthenticated');
    metrics.rejected(null, 'bad_request');
    metrics.operation('Unseen', 'success');
    const text = await metrics.registry.metrics();
    expect(text).toContain('graphql_operations_total{operation="Dashboard",outcome="unauthenticated"} 1');
    expect(text).toContain('graphql_operations_total{operation="other",outcome="unauthenticated"} 1');
    expect(text).toContain('graphql_operations_total{operation="anonymous",outcome="bad_request"} 1');
    // A name first seen in a refusal is still kept once an operation that ran uses it.
    expect(text).toContain('graphql_operations_total{operation="Unseen",outcome="success"} 1');
  });
});

describe('logger redaction', () => {
  function capture(): { lines: string[]; stream: Writable } {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    return { lines, stream };
  }

  it('redacts credential paths', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'info', destination: stream });
    logger.info({
      req: { headers: { authorization: 'Bearer s3cr3t-token', 'x-api-key': 'key-123456789012345' } },
      headers: { authorization: 'Bearer s3cr3t-token' },
      grant: { access_token: 'at-secret', client_secret: 'cs-secret' },
      config: { clientSecret: 'cs-secret', apiKey: 'key-123456789012345' },
      credential: { token: 's3cr3t-token' },
    });
    const text = lines.join('');
    for (const secret of ['s3cr3t-token', 'key-123456789012345', 'at-secret', 'cs-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });

  it('scrubs secrets out of error messages and stacks', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'info', destination: stream });
    const error = new Error('request failed: Authorization: Bearer abc.def-ghi body client_secret=topsecret');
    logger.error({ err: error }, 'upstream failed');
    const text = lines.join('');
    expect(text).not.toContain('abc.def-ghi');
    expect(text).not.toContain('topsecret');
    expect(text).toContain('Bearer [REDACTED]');
  });

  it.each([
    ['Bearer eyJhbGciOi.J9.sig', 'Bearer [REDACTED]'],
    ['token=abc&x=1', 'token=[REDACTED]&x=1'],
    ['{"access_token":"abc","x":1}', '{"access_token":"[REDACTED]","x":1}'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end', 'jwt [REDACTED] end'],
  ])('scrubSecrets(%s)', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});
