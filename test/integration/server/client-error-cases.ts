import { QUERY, apq, asking, get, post, raw, sha256, type Case } from './client-requests.js';
import { REQUEST_CASES } from './client-request-cases.js';

/**
 * Every request shape a client can send that is not a valid query, with the HTTP status and the one error code
 * it must get (client-errors.test.ts sends each). fetch sends `Accept: *\/*`, so the answers are
 * application/json, where the GraphQL over HTTP spec wants request errors of a well-formed request as 200
 * (http-status.ts); the rows that ask for application/graphql-response+json get 400 for the same errors.
 */

const BAD_REQUEST = 'BAD_REQUEST';
const NOT_SUPPORTED = 'OPERATION_NOT_SUPPORTED';
const RESOLUTION = 'OPERATION_RESOLUTION_FAILURE';
const VALIDATION = 'GRAPHQL_VALIDATION_FAILED';
const PARSE = 'GRAPHQL_PARSE_FAILED';
const INPUT = 'BAD_USER_INPUT';
const MISMATCH = 'PERSISTED_QUERY_HASH_MISMATCH';

// Subscriptions are served over WebSocket (graphql-ws, src/live/); over HTTP they are refused.
export const SUBSCRIPTION = 'subscription { triggerInvocationStatuses { id } }';
const BY_ID = 'query($id: ID!) { workflow(id: $id) { id } }';
const FILTERED = 'query($f: WorkflowFilter) { workflows(filter: $f) { nodes { id } } }';
const TWO_OPS = 'query A { __typename } query B { __typename }';
const HASH = { version: 1, sha256Hash: sha256('never sent') };

const utf8 = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** The operation sent: its type, which operation of the document, what the document holds. */
const OPERATIONS: Case[] = [
  ['a mutation over POST', post({ query: 'mutation { __typename }' }), 200, NOT_SUPPORTED],
  ['a mutation of a field that does not exist', post({ query: 'mutation { x }' }), 200, NOT_SUPPORTED],
  ['a subscription over POST', post({ query: SUBSCRIPTION }), 200, NOT_SUPPORTED],
  [
    'a mutation picked by operationName among queries',
    post({ query: 'query A { __typename } mutation B { __typename }', operationName: 'B' }),
    200,
    NOT_SUPPORTED,
  ],
  [
    'a subscription picked by operationName among queries',
    post({ query: `query A { __typename } subscription B ${SUBSCRIPTION.slice(13)}`, operationName: 'B' }),
    200,
    NOT_SUPPORTED,
  ],
  ['a mutation over GET', get({ query: 'mutation { __typename }' }), 405, BAD_REQUEST],
  ['a subscription over GET', get({ query: SUBSCRIPTION }), 405, BAD_REQUEST],
  [
    'a mutation picked by operationName over GET',
    get({ query: 'query A { __typename } mutation B { __typename }', operationName: 'B' }),
    405,
    BAD_REQUEST,
  ],
  [
    'a subscription that selects only __typename',
    post({ query: 'subscription { __typename }' }),
    200,
    VALIDATION,
  ],
  [
    'an unknown operationName',
    post({ query: 'query A { __typename }', operationName: 'B' }),
    200,
    RESOLUTION,
  ],
  ['an empty operationName', post({ query: 'query A { __typename }', operationName: '' }), 200, RESOLUTION],
  [
    'an operationName naming a fragment',
    post({ query: 'query A { ...B } fragment B on Query { __typename }', operationName: 'B' }),
    200,
    RESOLUTION,
  ],
  ['several operations without operationName', post({ query: TWO_OPS }), 200, RESOLUTION],
  [
    'an anonymous operation beside a named one',
    post({ query: '{ __typename } query B { a: __typename }' }),
    200,
    VALIDATION,
  ],
  ['a document with only a fragment', post({ query: 'fragment F on Query { __typename }' }), 200, VALIDATION],
  ['a type definition instead of an operation', post({ query: 'type X { a: Int }' }), 200, VALIDATION],
  ['a query beside a type definition', post({ query: '{ __typename } type X { a: Int }' }), 200, VALIDATION],
  ['a document of only a comment', post({ query: '# nothing' }), 200, PARSE],
  ['a syntax error', post({ query: '{ workflows(' }), 200, PARSE],
  ['an unknown field', post({ query: '{ nope }' }), 200, VALIDATION],
  ['an unknown directive', post({ query: '{ __typename @nope }' }), 200, VALIDATION],
  ['a variable declared and never used', post({ query: 'query($x: Int) { __typename }' }), 200, VALIDATION],
  ['a lone surrogate in a string literal', post({ query: '{ workflow(id: "\ud800") { id } }' }), 200, PARSE],
  ['invalid UTF-8 inside the query', raw(utf8('{"query":"{ ', [0xff, 0xfe], ' }"}')), 200, PARSE],
  ['a GET with only a fragment', get({ query: 'fragment F on Query { __typename }' }), 200, VALIDATION],
  [
    'a GET with an unknown operationName',
    get({ query: 'query A { __typename }', operationName: 'B' }),
    200,
    RESOLUTION,
  ],
  ['a GET with several operations and no name', get({ query: TWO_OPS }), 200, RESOLUTION],
];

/** Variables: wrong values, and keys that would pollute a prototype if merged naively. */
const VARIABLES: Case[] = [
  [
    'a variable of the wrong type',
    post({ query: 'query($f: Int) { workflows(first: $f) { nodes { id } } }', variables: { f: 'x' } }),
    200,
    INPUT,
  ],
  [
    'an Int variable out of range',
    post({ query: 'query($f: Int) { workflows(first: $f) { nodes { id } } }', variables: { f: 1e300 } }),
    200,
    INPUT,
  ],
  ['a missing required variable', post({ query: BY_ID }), 200, INPUT],
  // JSON.parse makes `__proto__` an own key: the variable must not be read through it, nor the prototype changed.
  [
    'a required variable given only under __proto__',
    raw(`{"query":"${BY_ID}","variables":{"__proto__":{"id":"x"}}}`),
    200,
    INPUT,
  ],
  [
    'a required variable given only under constructor.prototype',
    raw(`{"query":"${BY_ID}","variables":{"constructor":{"prototype":{"id":"x"}}}}`),
    200,
    INPUT,
  ],
  [
    'a __proto__ field in an input object',
    raw(`{"query":"${FILTERED}","variables":{"f":{"__proto__":{"enabled":true}}}}`),
    200,
    INPUT,
  ],
  [
    'deeply nested arrays in a list variable',
    raw(
      `{"query":"query($t: [String!]) { accountActivities(filter: { type: { in: $t } }) { nodes { id } } }","variables":{"t":${nested(3000)}}}`,
    ),
    200,
    INPUT,
  ],
];

/** Automatic persisted queries. */
const PERSISTED: Case[] = [
  [
    'an APQ hash that does not match its query',
    apq(QUERY, { version: 1, sha256Hash: sha256('something else') }),
    400,
    MISMATCH,
  ],
  [
    'an APQ hash in upper case',
    apq(QUERY, { version: 1, sha256Hash: sha256(QUERY).toUpperCase() }),
    400,
    MISMATCH,
  ],
  ['an APQ hash that is a number', apq(QUERY, { version: 1, sha256Hash: 5 }), 400, MISMATCH],
  ['an APQ version other than 1', apq(QUERY, { version: 2, sha256Hash: sha256(QUERY) }), 400, BAD_REQUEST],
  [
    'an APQ version given as a string',
    apq(QUERY, { version: '1', sha256Hash: sha256(QUERY) }),
    400,
    BAD_REQUEST,
  ],
  ['an APQ extension that is not an object', apq(QUERY, 'yes'), 400, BAD_REQUEST],
  ['an APQ hash never registered', apq(undefined, HASH), 200, 'PERSISTED_QUERY_NOT_FOUND'],
  [
    'an APQ hash that does not match its query, over GET',
    get({ query: QUERY, extensions: JSON.stringify({ persistedQuery: { ...HASH } }) }),
    400,
    MISMATCH,
  ],
  [
    'an APQ hash never registered, over GET',
    get({ extensions: JSON.stringify({ persistedQuery: HASH }) }),
    200,
    'PERSISTED_QUERY_NOT_FOUND',
  ],
];

/** The same request errors for a client that asks for application/graphql-response+json: 400, not 200. */
const GRAPHQL_RESPONSE_JSON: Case[] = (
  [
    ['mutation { __typename }', NOT_SUPPORTED],
    [SUBSCRIPTION, NOT_SUPPORTED],
    ['{ workflows(', PARSE],
    ['{ nope }', VALIDATION],
    [TWO_OPS, RESOLUTION],
  ] as const
).map(([query, code]): Case => [
  `${query} asking for graphql-response+json`,
  asking('application/graphql-response+json', post({ query })),
  400,
  code,
]);

export const CASES: Case[] = [
  ...OPERATIONS,
  ...VARIABLES,
  ...REQUEST_CASES,
  ...PERSISTED,
  ...GRAPHQL_RESPONSE_JSON,
];

/**
 * Items of a batch (with GRAPHQL_BATCHING=true) next to a valid query: [name, item, code]. An item that is not a
 * GraphQL request (no object, no query) makes the whole batch malformed: 400 BAD_REQUEST naming the item; any
 * other failing item fails alone, with its code, and the valid query still answers.
 */
export const MALFORMED_BATCH_ITEMS: [string, unknown][] = [
  ['a number', 1],
  ['null', null],
  ['a nested batch', [{ query: QUERY }]],
  ['an empty object', {}],
  ['variables that are a number', { query: QUERY, variables: 1 }],
];
export const FAILING_BATCH_ITEMS: [string, unknown, string][] = [
  ['a mutation', { query: 'mutation { __typename }' }, NOT_SUPPORTED],
  ['a subscription', { query: SUBSCRIPTION }, NOT_SUPPORTED],
  ['a syntax error', { query: '{' }, PARSE],
  ['only a fragment', { query: 'fragment F on Query { __typename }' }, VALIDATION],
  ['an unknown operationName', { query: 'query A { __typename }', operationName: 'B' }, RESOLUTION],
  ['a missing required variable', { query: BY_ID }, INPUT],
  [
    'a mismatched APQ hash',
    { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('x') } } },
    MISMATCH,
  ],
  ['an unregistered APQ hash', { extensions: { persistedQuery: HASH } }, 'PERSISTED_QUERY_NOT_FOUND'],
];
