import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { metricValue, scrape } from '../../helpers/metrics.js';

/**
 * MAX_DOCUMENT_BYTES: a document over the limit is refused with 413 DOCUMENT_TOO_LARGE before it is parsed, however
 * few tokens it has (whitespace and comments are not tokens), and no upstream call is made.
 */

let gw: TestGateway;
let small: TestGateway;
beforeAll(async () => {
  [gw, small] = await Promise.all([
    startTestGateway({ env: { GRAPHQL_BATCHING: 'true' } }),
    startTestGateway({ env: { MAX_DOCUMENT_BYTES: '1000' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([gw?.stop(), small?.stop()]);
});
beforeEach(() => {
  gw.tenant.clearRequests();
  small.tenant.clearRequests();
});

const LIMIT = 32 * 1024;
/** `{ workflows ... }` padded with spaces to exactly `bytes` bytes. */
function padded(bytes: number): string {
  const head = '{ workflows(first: 1) { nodes { id } }';
  return `${head}${' '.repeat(bytes - head.length - 1)}}`;
}

describe('MAX_DOCUMENT_BYTES', () => {
  it('accepts a document of exactly 32 KiB', async () => {
    const { status, body } = await gw.query(padded(LIMIT));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses one byte more with 413 DOCUMENT_TOO_LARGE, no-store, and no upstream call', async () => {
    const before = metricValue(await scrape(gw.origin), 'graphql_operations_total', {
      operation: 'anonymous',
      outcome: 'bad_request',
    });
    const { status, body, headers } = await gw.query(padded(LIMIT + 1));
    expect(status).toBe(413);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      errors: [
        {
          message:
            'The GraphQL document is 32769 bytes; this gateway accepts at most 32768 bytes (MAX_DOCUMENT_BYTES). ' +
            'Remove comments and indentation, use fragments for repeated selections, or split the operation.',
          extensions: { code: 'DOCUMENT_TOO_LARGE', maxBytes: LIMIT },
        },
      ],
      extensions: { upstream: { requests: 0, cacheHits: 0, coalesced: 0, durationMs: expect.any(Number) } },
    });
    expect(gw.tenant.requests).toHaveLength(0);
    const after = metricValue(await scrape(gw.origin), 'graphql_operations_total', {
      operation: 'anonymous',
      outcome: 'bad_request',
    });
    expect(after).toBe(before + 1);
  });

  it('counts UTF-8 bytes, not characters', async () => {
    // 600 characters of comment, 1200 bytes.
    const { status, body } = await small.query(`{ __typename } #${'é'.repeat(600)}`);
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe('DOCUMENT_TOO_LARGE');
    expect((await small.query(`{ __typename } #${'e'.repeat(600)}`)).status).toBe(200);
  });

  it('refuses a GET with a too-large query string', async () => {
    const query = encodeURIComponent(`{ __typename }${' '.repeat(1000)}`);
    const response = await small.get(`/graphql?query=${query}`, { 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(413);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('DOCUMENT_TOO_LARGE');
  });

  it('refuses a batch in which one document is too large, before running any of it', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ workflows(first: 1) { nodes { id } } }' },
        { query: padded(LIMIT + 10) },
      ]),
    });
    expect(response.status).toBe(413);
    expect(gw.tenant.requests).toHaveLength(0);
  });
});
