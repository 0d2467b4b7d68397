import fc from 'fast-check';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../helpers/gateway.js';
import { CASES, FAILING_BATCH_ITEMS, MALFORMED_BATCH_ITEMS, SUBSCRIPTION } from './client-error-cases.js';
import { JSON_TYPE, QUERY, apq, codesOf, post, raw, send, sha256 } from './client-requests.js';

/**
 * Every request shape a client can send that is not a valid query gets a precise client-error code, never a
 * masked INTERNAL_SERVER_ERROR: the status and code the client sees, an info/warn log line naming the code (never
 * an error line, which would page someone for a client's mistake), no upstream call, and a server that keeps
 * serving. New shapes go in the table (client-error-cases.ts).
 */

let gw: TestGateway;
let batching: TestGateway;
beforeAll(async () => {
  [gw, batching] = await Promise.all([
    startTestGateway(),
    startTestGateway({ env: { GRAPHQL_BATCHING: 'true' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([gw.stop(), batching.stop()]);
});
beforeEach(() => {
  gw.tenant.clearRequests();
  gw.clearLogs();
});

describe('a request that is not a valid query gets a precise client-error code', () => {
  it.each(CASES)('%s', async (_name, shape, status, code) => {
    // no-cache: a shape that ran the operation before refusing it would show as an upstream call.
    const { status: actual, body } = await send(gw, {
      ...shape,
      headers: { 'cache-control': 'no-cache', ...shape.headers },
    });
    expect({ status: actual, codes: codesOf(body) }).toEqual({ status, codes: [code] });
    expect(body.extensions?.upstream?.requests).toBe(0);
    expect(gw.tenant.requests).toEqual([]);
    const logs = gw.logs();
    expect(logs.filter((line) => Number(line['level']) >= 50)).toEqual([]);
    // The request's one log line (operation or rejection) names the code, at info.
    expect(logs).toContainEqual(expect.objectContaining({ level: 30, errorCodes: [code] }));
  });

  it('messages say what to fix, in words a frontend developer knows', async () => {
    const mutation = await send(gw, post({ query: 'mutation { __typename }' }));
    expect(mutation.body.errors?.[0]?.message).toBe(
      'This gateway is read-only: it has no mutations. Send a query.',
    );
    const subscription = await send(gw, post({ query: SUBSCRIPTION }));
    expect(subscription.body.errors?.[0]?.message).toMatch(
      /^Subscriptions are served over WebSocket .* not over HTTP\.$/,
    );
    const mismatch = await send(gw, apq(QUERY, { version: 1, sha256Hash: sha256('x') }));
    expect(mismatch.body.errors?.[0]?.message).toMatch(/sha256Hash. is not the SHA-256 of the query/);
    const accept = await send(gw, {
      ...post({ query: QUERY }),
      headers: { ...JSON_TYPE, accept: 'text/html' },
    });
    expect(accept.body.errors?.[0]?.message).toMatch(
      /^The Accept header allows neither application\/json nor/,
    );
    const charset = await send(gw, raw('{}', { 'content-type': 'application/json; charset=latin1' }));
    expect(charset.body.errors?.[0]?.message).toBe(
      'Unsupported charset in Content-Type: send the body as UTF-8 JSON.',
    );
    const encoding = await send(gw, raw('{}', { ...JSON_TYPE, 'content-encoding': 'xyz' }));
    expect(encoding.body.errors?.[0]?.message).toMatch(/^Unsupported Content-Encoding: /);
  });

  it('the server keeps serving: a valid query and a matching APQ registration answer afterwards', async () => {
    for (const [, shape] of CASES) await send(gw, shape);
    const plain = await send(gw, post({ query: QUERY }));
    expect(plain.status).toBe(200);
    expect(plain.body.errors).toBeUndefined();
    const registered = await send(gw, apq(QUERY, { version: 1, sha256Hash: sha256(QUERY) }));
    expect(registered.body.errors).toBeUndefined();
    const byHash = await send(gw, apq(undefined, { version: 1, sha256Hash: sha256(QUERY) }));
    expect(byHash.body).toEqual(expect.objectContaining({ data: plain.body.data }));
  });
});

describe('no body a client can send is a gateway error', () => {
  // The fields of a GraphQL request, each either missing, of its right type, or any other JSON value.
  const document = fc.oneof(
    fc.constantFrom(
      QUERY,
      'mutation { __typename }',
      SUBSCRIPTION,
      'subscription { __typename }',
      '{ __typename }',
      '',
    ),
    fc.string({ maxLength: 30 }),
  );
  const persistedQuery = fc.oneof(
    fc.record(
      {
        version: fc.oneof(fc.constant(1), fc.jsonValue()),
        sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{0,64}$/), fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
  );
  const field = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof(right, fc.jsonValue());
  const request = fc.record(
    {
      query: field(document),
      operationName: field(fc.constantFrom('A', 'B')),
      variables: field(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue())),
      extensions: field(fc.record({ persistedQuery }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(request, fc.array(request, { maxLength: 3 }), fc.jsonValue());

  it('arbitrary JSON bodies get a 2xx/4xx answer and no INTERNAL_SERVER_ERROR, and nothing is logged as an error', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (json) => {
        const { status, body: answer } = await send(gw, post(json));
        const answers = Array.isArray(answer) ? (answer as GraphQLBody[]) : [answer];
        expect(status).toBeLessThan(500);
        expect(answers.flatMap(codesOf)).not.toContain('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: 150 },
    );
    expect(gw.logs().filter((line) => Number(line['level']) >= 50)).toEqual([]);
  });
});

describe('with GRAPHQL_BATCHING=true each operation of a batch gets its own code', () => {
  const noErrorLines = (): void =>
    expect(batching.logs().filter((line) => Number(line['level']) >= 50)).toEqual([]);

  it.each(FAILING_BATCH_ITEMS)('%s fails alone; the query beside it answers', async (_name, item, code) => {
    const { status, body } = await send(batching, post([item, { query: '{ __typename }' }]));
    // One status for the whole batch: Apollo's choice among the items' statuses, never a 5xx.
    expect(status).toBeLessThan(500);
    const items = body as unknown as GraphQLBody[];
    expect(items.map(codesOf)).toEqual([[code], []]);
    expect(items[1]?.data).toEqual({ __typename: 'Query' });
    noErrorLines();
  });

  it('a mutation and a mismatched APQ hash fail alone; the query in the same batch answers', async () => {
    const { status, body } = await send(
      batching,
      post([
        { query: 'mutation { __typename }' },
        { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('x') } } },
        { query: '{ __typename }' },
      ]),
    );
    expect(status).toBeLessThan(500);
    const items = body as unknown as GraphQLBody[];
    expect(items.map(codesOf)).toEqual([['OPERATION_NOT_SUPPORTED'], ['PERSISTED_QUERY_HASH_MISMATCH'], []]);
    expect(items[2]?.data).toEqual({ __typename: 'Query' });
    noErrorLines();
  });

  it.each(MALFORMED_BATCH_ITEMS)(
    'an item that is not a GraphQL request (%s) makes the batch a 400 naming the item',
    async (_name, item) => {
      batching.tenant.clearRequests();
      const { status, body } = await send(batching, post([{ query: QUERY }, item]));
      expect({ status, codes: codesOf(body) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
      expect(body.errors?.[0]?.message).toMatch(/^Item 1 of the batch /);
      expect(batching.tenant.requests).toEqual([]);
      noErrorLines();
    },
  );

  it('an empty batch is a 400', async () => {
    const { status, body } = await send(batching, post([]));
    expect({ status, codes: codesOf(body) }).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
  });
});
