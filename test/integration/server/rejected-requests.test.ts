import http from 'node:http';
import { startTestGateway, TEST_API_KEY, type GraphQLBody, type TestGateway } from '../../helpers/gateway.js';
import { metricValue, scrape } from '../../helpers/metrics.js';

/**
 * Requests refused before any operation runs (Apollo's request-level errors, body-parser failures, the service-mode
 * 401) still carry `extensions.upstream` (DESIGN.md section 5) and are counted in `graphql_operations_total`.
 */

let demo: TestGateway;
let service: TestGateway;
beforeAll(async () => {
  [demo, service] = await Promise.all([startTestGateway(), startTestGateway({ mode: 'service' })]);
});
afterAll(async () => {
  await Promise.all([demo.stop(), service.stop()]);
});
beforeEach(() => {
  demo.tenant.clearRequests();
  service.tenant.clearRequests();
});

interface Raw {
  status: number;
  body: GraphQLBody;
}

/**
 * A POST whose body arrives in two parts `pauseMs` apart (the first part is the whole body when `rest` is empty), so
 * a `durationMs` measured from the request's arrival must be at least `pauseMs`.
 */
function post(
  url: string,
  headers: Record<string, string>,
  first: string,
  rest = '',
  pauseMs = 0,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as GraphQLBody });
        } catch {
          reject(new Error(`${res.statusCode} with a non-JSON body: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', reject);
    req.write(first);
    setTimeout(() => req.end(rest), pauseMs);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const QUERY = JSON.stringify({ query: 'query Recent { workflows(first: 1) { nodes { id } } }' });
const ZEROS = { requests: 0, cacheHits: 0, coalesced: 0, durationMs: expect.any(Number) };

async function operations(gw: TestGateway, operation: string, outcome: string): Promise<number> {
  return metricValue(await scrape(gw.origin), 'graphql_operations_total', { operation, outcome });
}

const rejectionLogs = (gw: TestGateway): Record<string, unknown>[] =>
  gw.logs().filter((l) => l.msg === 'graphql request rejected');

describe.each([
  {
    name: 'a CSRF block (simple POST without a preflight-forcing content type)',
    send: (gw: TestGateway) => post(gw.url, { 'content-type': 'text/plain' }, QUERY),
    message: /CSRF/,
  },
  {
    name: 'a batch while batching is disabled',
    send: (gw: TestGateway) => post(gw.url, JSON_HEADERS, `[${QUERY},${QUERY}]`),
    message: /batching disabled/i,
  },
  {
    name: 'malformed JSON',
    send: (gw: TestGateway) => post(gw.url, JSON_HEADERS, '{"query":'),
    message: /^Malformed request body$/,
  },
  {
    name: 'an empty JSON body',
    send: (gw: TestGateway) => post(gw.url, JSON_HEADERS, ''),
    message: /POST body missing/,
  },
  {
    name: 'an empty JSON object',
    send: (gw: TestGateway) => post(gw.url, JSON_HEADERS, '{}'),
    message: /POST body missing/,
  },
])('$name', ({ send, message }) => {
  it('is a 400 BAD_REQUEST with zero upstream cost, counted as bad_request, before any upstream call', async () => {
    const before = await operations(demo, 'anonymous', 'bad_request');
    demo.clearLogs();
    const { status, body } = await send(demo);
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_REQUEST' },
      }),
    ]);
    expect(body.extensions).toEqual({ upstream: ZEROS });
    expect(body.extensions?.upstream?.durationMs).toBeGreaterThanOrEqual(0);
    expect(await operations(demo, 'anonymous', 'bad_request')).toBe(before + 1);
    expect(rejectionLogs(demo)).toEqual([
      expect.objectContaining({ outcome: 'bad_request', errorCodes: ['BAD_REQUEST'] }),
    ]);
    expect(demo.tenant.requests).toEqual([]);
  });
});

describe('service mode without a valid API key', () => {
  it.each([
    ['a missing', null],
    ['a wrong', `${TEST_API_KEY}x`],
  ])('%s x-api-key is a 401 with zero upstream cost, counted as unauthenticated', async (_name, apiKey) => {
    const before = await operations(service, 'anonymous', 'unauthenticated');
    service.clearLogs();
    const { status, body } = await service.query('{ workflows(first: 1) { nodes { id } } }', undefined, {
      'x-api-key': apiKey,
    });
    expect(status).toBe(401);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(body.extensions).toEqual({ upstream: ZEROS });
    expect(await operations(service, 'anonymous', 'unauthenticated')).toBe(before + 1);
    expect(rejectionLogs(service)).toEqual([
      expect.objectContaining({ outcome: 'unauthenticated', errorCodes: ['UNAUTHENTICATED'] }),
    ]);
    expect(service.tenant.requests).toEqual([]);
  });

  it('counts a refusal under the operation name it claims only once an operation that ran has used it', async () => {
    const named = 'query Refused { workflows(first: 1) { nodes { id } } }';
    // What Apollo Client sends: the name in the body, beside the document.
    const refused = JSON.stringify({ query: named, operationName: 'Refused' });
    const otherBefore = await operations(service, 'other', 'unauthenticated');
    expect((await post(service.url, JSON_HEADERS, refused)).status).toBe(401);
    expect(await operations(service, 'other', 'unauthenticated')).toBe(otherBefore + 1);
    expect(await operations(service, 'Refused', 'unauthenticated')).toBe(0);

    expect((await service.query(named)).status).toBe(200);
    expect((await post(service.url, JSON_HEADERS, refused)).status).toBe(401);
    expect(await operations(service, 'Refused', 'unauthenticated')).toBe(1);
    expect(await operations(service, 'Refused', 'success')).toBe(1);
    expect(await operations(service, 'other', 'unauthenticated')).toBe(otherBefore + 1);
  });
});

describe('durationMs of a refused request', () => {
  // The body arrives in two parts; the time between them is part of what the caller waited for.
  const PAUSE_MS = 150;

  it('is measured from the arrival of a malformed body', async () => {
    const { status, body } = await post(demo.url, JSON_HEADERS, '{"query":', ' ', PAUSE_MS);
    expect(status).toBe(400);
    expect(body.extensions?.upstream?.durationMs).toBeGreaterThanOrEqual(PAUSE_MS - 5);
  });

  it('is measured from the arrival of a request refused with 401', async () => {
    const { status, body } = await post(
      service.url,
      JSON_HEADERS,
      QUERY.slice(0, 10),
      QUERY.slice(10),
      PAUSE_MS,
    );
    expect(status).toBe(401);
    expect(body.extensions?.upstream?.durationMs).toBeGreaterThanOrEqual(PAUSE_MS - 5);
  });
});

describe('an Accept header that allows no JSON type', () => {
  it('is refused with 406 before the operation runs: zero upstream cost, counted once as bad_request', async () => {
    const ranBefore = await operations(demo, 'Recent', 'success');
    const refusedBefore = await operations(demo, 'anonymous', 'bad_request');
    // no-cache: were the operation run, it would have to call SailPoint.
    const headers = { ...JSON_HEADERS, accept: 'text/html', 'cache-control': 'no-cache' };
    const { status, body } = await post(demo.url, headers, QUERY);
    expect(status).toBe(406);
    expect(body.extensions).toEqual({ upstream: ZEROS });
    expect(demo.tenant.requests).toEqual([]);
    expect(await operations(demo, 'Recent', 'success')).toBe(ranBefore);
    expect(await operations(demo, 'anonymous', 'bad_request')).toBe(refusedBefore + 1);
  });
});
