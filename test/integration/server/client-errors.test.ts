import fc from 'fast-check';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../helpers/gateway.js';
import {
  JSON_TYPE,
  PREFLIGHT,
  QUERY,
  apq,
  codesOf,
  get,
  post,
  send,
  sha256,
  type Shape,
} from './client-requests.js';

/**
 * Every request shape a client can send that is not a valid query gets a precise client-error code, never a
 * masked INTERNAL_SERVER_ERROR: the status and code the client sees, an info/warn log line naming the code (never
 * an error line, which would page someone for a client's mistake), no upstream call, and a server that keeps
 * serving. New shapes go in the table.
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

// Subscriptions are served over WebSocket (graphql-ws, src/live/); over HTTP they are refused.
const SUBSCRIPTION = 'subscription { triggerInvocationStatuses { id } }';

/**
 * [shape, HTTP status, code]. fetch sends `Accept: *\/*`, so the answers are application/json, where the GraphQL
 * over HTTP spec wants request errors of a well-formed request as 200 (http-status.ts); the last rows ask for
 * application/graphql-response+json, where they are 400.
 */
const SHAPES: [string, Shape, number, string][] = [
  // Wrong operation type.
  ['a mutation over POST', post({ query: 'mutation { __typename }' }), 200, 'OPERATION_NOT_SUPPORTED'],
  [
    'a mutation of a field that does not exist',
    post({ query: 'mutation { x }' }),
    200,
    'OPERATION_NOT_SUPPORTED',
  ],
  ['a subscription over POST', post({ query: SUBSCRIPTION }), 200, 'OPERATION_NOT_SUPPORTED'],
  [
    'a mutation picked by operationName among queries',
    post({ query: 'query A { __typename } mutation B { __typename }', operationName: 'B' }),
    200,
    'OPERATION_NOT_SUPPORTED',
  ],
  ['a mutation over GET', get({ query: 'mutation { __typename }' }), 405, 'BAD_REQUEST'],
  ['a subscription over GET', get({ query: SUBSCRIPTION }), 405, 'BAD_REQUEST'],
  [
    'a subscription that selects only __typename',
    post({ query: 'subscription { __typename }' }),
    200,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  // Operation selection.
  [
    'an unknown operationName',
    post({ query: 'query A { __typename }', operationName: 'B' }),
    200,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'several operations without operationName',
    post({ query: 'query A { __typename } query B { __typename }' }),
    200,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'a document with only a fragment',
    post({ query: 'fragment F on Query { __typename }' }),
    200,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  // Body and content type.
  ['an empty body', { headers: JSON_TYPE, body: '' }, 400, 'BAD_REQUEST'],
  ['an empty JSON object', post({}), 400, 'BAD_REQUEST'],
  ['variables without a query', post({ variables: { a: 1 } }), 400, 'BAD_REQUEST'],
  ['an empty query string', post({ query: '' }), 400, 'BAD_REQUEST'],
  ['a query that is a number', post({ query: 1 }), 400, 'BAD_REQUEST'],
  ['a query that is an object', post({ query: { query: QUERY } }), 400, 'BAD_REQUEST'],
  ['malformed JSON', { headers: JSON_TYPE, body: '{"query": ' }, 400, 'BAD_REQUEST'],
  ['a JSON string', { headers: JSON_TYPE, body: '"{ __typename }"' }, 400, 'BAD_REQUEST'],
  ['JSON null', { headers: JSON_TYPE, body: 'null' }, 400, 'BAD_REQUEST'],
  ['a JSON number', { headers: JSON_TYPE, body: '42' }, 400, 'BAD_REQUEST'],
  [
    'a body over MAX_BODY_BYTES',
    post({ query: `{ __typename } #${'x'.repeat(100_000)}` }),
    413,
    'PAYLOAD_TOO_LARGE',
  ],
  [
    'text/plain (CSRF)',
    { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: QUERY }) },
    400,
    'BAD_REQUEST',
  ],
  [
    'a form body (CSRF)',
    {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(QUERY)}`,
    },
    400,
    'BAD_REQUEST',
  ],
  ['no content type', { body: JSON.stringify({ query: QUERY }) }, 400, 'BAD_REQUEST'],
  [
    'application/graphql',
    { headers: { 'content-type': 'application/graphql' }, body: QUERY },
    400,
    'BAD_REQUEST',
  ],
  [
    'a PUT',
    { method: 'PUT', headers: JSON_TYPE, body: JSON.stringify({ query: QUERY }) },
    405,
    'BAD_REQUEST',
  ],
  ['a DELETE', { method: 'DELETE', headers: PREFLIGHT }, 405, 'BAD_REQUEST'],
  // Variables, operationName and extensions of the wrong JSON type.
  ['variables that are an array', post({ query: QUERY, variables: [1] }), 400, 'BAD_REQUEST'],
  ['variables that are a JSON-encoded string', post({ query: QUERY, variables: '{}' }), 400, 'BAD_REQUEST'],
  ['variables that are a number', post({ query: QUERY, variables: 1 }), 400, 'BAD_REQUEST'],
  ['an operationName that is a number', post({ query: QUERY, operationName: 1 }), 400, 'BAD_REQUEST'],
  ['extensions that are a string', post({ query: QUERY, extensions: '{}' }), 400, 'BAD_REQUEST'],
  ['extensions that are an array', post({ query: QUERY, extensions: [] }), 400, 'BAD_REQUEST'],
  [
    'a variable of the wrong type',
    post({ query: 'query($f: Int) { workflows(first: $f) { nodes { id } } }', variables: { f: 'x' } }),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'a missing required variable',
    post({ query: 'query($id: ID!) { workflow(id: $id) { id } }' }),
    200,
    'BAD_USER_INPUT',
  ],
  ['a syntax error', post({ query: '{ workflows(' }), 200, 'GRAPHQL_PARSE_FAILED'],
  ['an unknown field', post({ query: '{ nope }' }), 200, 'GRAPHQL_VALIDATION_FAILED'],
  // GET.
  ['a GET without a query', get({}), 400, 'BAD_REQUEST'],
  ['a GET without the preflight header (CSRF)', get({ query: QUERY }, {}), 400, 'BAD_REQUEST'],
  ['a GET with malformed variables', get({ query: QUERY, variables: '{' }), 400, 'BAD_REQUEST'],
  ['a GET with array variables', get({ query: QUERY, variables: '[1]' }), 400, 'BAD_REQUEST'],
  ['a GET with malformed extensions', get({ query: QUERY, extensions: '{' }), 400, 'BAD_REQUEST'],
  // Batching is off by default.
  ['a batched array', post([{ query: QUERY }, { query: QUERY }]), 400, 'BAD_REQUEST'],
  // Automatic persisted queries.
  [
    'an APQ hash that does not match its query',
    apq(QUERY, { version: 1, sha256Hash: sha256('something else') }),
    400,
    'PERSISTED_QUERY_HASH_MISMATCH',
  ],
  [
    'an APQ hash that is a number',
    apq(QUERY, { version: 1, sha256Hash: 5 }),
    400,
    'PERSISTED_QUERY_HASH_MISMATCH',
  ],
  ['an APQ version other than 1', apq(QUERY, { version: 2, sha256Hash: sha256(QUERY) }), 400, 'BAD_REQUEST'],
  ['an APQ extension that is not an object', apq(QUERY, 'yes'), 400, 'BAD_REQUEST'],
  [
    'an APQ hash never registered',
    apq(undefined, { version: 1, sha256Hash: sha256('never sent') }),
    200,
    'PERSISTED_QUERY_NOT_FOUND',
  ],
  // The same request errors for a client that asks for application/graphql-response+json.
  ...(['mutation { __typename }', SUBSCRIPTION, '{ workflows(', '{ nope }'] as const).map(
    (query): [string, Shape, number, string] => [
      `${query} asking for graphql-response+json`,
      { headers: { ...JSON_TYPE, accept: 'application/graphql-response+json' }, body: { query } },
      400,
      query.startsWith('{')
        ? query === '{ nope }'
          ? 'GRAPHQL_VALIDATION_FAILED'
          : 'GRAPHQL_PARSE_FAILED'
        : 'OPERATION_NOT_SUPPORTED',
    ],
  ),
  [
    'a document over MAX_DOCUMENT_BYTES',
    post({ query: `{ __typename } #${'x'.repeat(40_000)}` }),
    413,
    'DOCUMENT_TOO_LARGE',
  ],
];

describe('a request that is not a valid query gets a precise client-error code', () => {
  it.each(SHAPES)('%s', async (_name, shape, status, code) => {
    const { status: actual, body } = await send(gw, shape);
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
  });

  it('the server keeps serving: a valid query and a matching APQ registration answer afterwards', async () => {
    for (const [, shape] of SHAPES) await send(gw, shape);
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
  it('a mutation and a mismatched APQ hash fail alone; the query in the same batch answers', async () => {
    const { status, body } = await send(
      batching,
      post([
        { query: 'mutation { __typename }' },
        { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('x') } } },
        { query: '{ __typename }' },
      ]),
    );
    // One status for the whole batch: Apollo's choice among the items' statuses, never a 5xx.
    expect(status).toBeLessThan(500);
    const items = body as unknown as GraphQLBody[];
    expect(items.map(codesOf)).toEqual([['OPERATION_NOT_SUPPORTED'], ['PERSISTED_QUERY_HASH_MISMATCH'], []]);
    expect(items[2]?.data).toEqual({ __typename: 'Query' });
    expect(batching.logs().filter((line) => Number(line['level']) >= 50)).toEqual([]);
  });
});
