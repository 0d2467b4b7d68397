import fc from 'fast-check';
import { connectionKey } from '../../../src/pagination/cursor.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { codes, ok, run, startGateway } from './support.js';

/**
 * Caller input that SailPoint cannot take: over-long values (which SailPoint answers with 414/431, not a 400
 * naming the argument), lone UTF-16 surrogates (sent as U+FFFD) and forged cursors (offsets beyond SailPoint's
 * int32). Each is BAD_USER_INPUT with a message naming the argument, before any upstream request.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});

const LONG = 'x'.repeat(20_000);

interface Rejection {
  codes: string[];
  messages: string[];
  upstream: number;
}

async function rejection(query: string, variables?: Record<string, unknown>): Promise<Rejection> {
  const result = await run(gw, query, variables);
  return {
    codes: codes(result.errors),
    messages: result.errors.map((e) => e.message),
    upstream: result.upstream.length,
  };
}

const rejected = (...messages: string[]): Rejection => ({
  codes: messages.map(() => 'BAD_USER_INPUT'),
  messages,
  upstream: 0,
});

describe('length limits', () => {
  const ACTIVITIES = 'query($f: AccountActivityFilter) { accountActivities(filter: $f) { nodes { id } } }';

  it('rejects a 20,000-character `filter.type.eq` (was UPSTREAM_ERROR from an upstream 431)', async () => {
    expect(await rejection(ACTIVITIES, { f: { type: { eq: LONG } } })).toEqual(
      rejected('`filter.type.eq` must be at most 256 characters long; got 20000'),
    );
  });

  it('rejects `filter.type.in` with 3,000 entries', async () => {
    expect(
      await rejection(ACTIVITIES, { f: { type: { in: Array<string>(3000).fill('appRequest') } } }),
    ).toEqual(
      rejected(
        '`filter.type.in` takes at most 100 values; got 3000. Split the query, or filter with fewer values.',
      ),
    );
  });

  it('rejects over-long trigger invocation filters', async () => {
    expect(
      await rejection(
        'query($v: String) { triggerInvocationStatuses(filter: { triggerId: { eq: $v } }) { nodes { id } } }',
        { v: 'x'.repeat(257) },
      ),
    ).toEqual(rejected('`filter.triggerId.eq` must be at most 256 characters long; got 257'));
  });

  it('sends values right at the limits', async () => {
    const result = await run<{ accountActivities: { nodes: unknown[] } }>(gw, ACTIVITIES, {
      f: { type: { eq: 'y'.repeat(256), in: Array<string>(100).fill('appRequest') } },
    });
    expect(ok(result).accountActivities.nodes).toEqual([]);
    expect(result.upstream).toHaveLength(1);
  });

  it('maps the 431 of a request within the limits but too long in total to BAD_USER_INPUT, not UPSTREAM_ERROR', async () => {
    // 100 values of 256 characters: each argument is within bounds, the URL (over 25 kB) is not.
    const values = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(256, 'z'));
    const result = await run(gw, ACTIVITIES, { f: { type: { in: values } } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message:
          'The request was too large for SailPoint (HTTP 431): use fewer or shorter filter values or ids',
        extensions: { code: 'BAD_USER_INPUT', upstreamStatus: 431 },
        path: ['accountActivities'],
      }),
    ]);
    // The tenant's HTTP parser refuses the request line before its handler logs anything.
    expect(result.upstream).toEqual([]);
  });

  it.each([
    ['accountActivity', 'query($id: ID!) { accountActivity(id: $id) { id } }'],
    ['workflowExecution', 'query($id: ID!) { workflowExecution(id: $id) { id history { type } } }'],
    ['workflow', 'query($id: ID!) { workflow(id: $id) { id executions(first: 5) { nodes { id } } } }'],
  ])('rejects a 20,000-character id on %s(id:)', async (_root, query) => {
    expect(await rejection(query, { id: LONG })).toEqual(
      rejected('`id` must be at most 128 characters long; got 20000'),
    );
  });

  it('validates `_entities` ids like the by-id roots, per representation', async () => {
    // Four ids of 20,000 characters would exceed MAX_BODY_BYTES (64 KiB, issue 14); 2,000 each is still 15x the limit.
    const long = LONG.slice(0, 2000);
    const activity = gw.tenant.data.accountActivities[0]?.id as string;
    const result = await run<{ _entities: unknown[] }>(
      gw,
      `query($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Workflow { id }
          ... on WorkflowExecution { id }
          ... on AccountActivity { id }
          ... on TriggerInvocationStatus { id }
        }
      }`,
      {
        r: [
          { __typename: 'Workflow', id: long },
          { __typename: 'WorkflowExecution', id: long },
          { __typename: 'AccountActivity', id: long },
          { __typename: 'TriggerInvocationStatus', id: long },
          { __typename: 'AccountActivity', id: 'a\uD800' },
          { __typename: 'AccountActivity', id: activity },
        ],
      },
    );
    expect(result.body.data?._entities).toEqual([null, null, null, null, null, { id: activity }]);
    // Errors are listed in the order the loaders settle; sorted by representation.
    const errors = result.errors
      .map((e) => [e.path, e.extensions?.code, e.message])
      .sort((a, b) => Number((a[0] as unknown[])[1]) - Number((b[0] as unknown[])[1]));
    expect(errors).toEqual([
      ...[0, 1, 2, 3].map((i) => [
        ['_entities', i],
        'BAD_USER_INPUT',
        '`id` must be at most 128 characters long; got 2000',
      ]),
      [
        ['_entities', 4],
        'BAD_USER_INPUT',
        '`id` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint',
      ],
    ]);
    expect(result.upstream.map((r) => r.path)).toEqual([`/account-activities/v1/${activity}`]);
  });
});

describe('unpaired UTF-16 surrogates', () => {
  it.each(['requestedFor', 'requestedBy', 'regardingIdentity'])(
    'rejects %s: "\\uD800" instead of sending requested-for=U+FFFD',
    async (name) => {
      expect(
        await rejection(`query($v: ID) { accountActivities(${name}: $v) { nodes { id } } }`, {
          v: '\uD800',
        }),
      ).toEqual(
        rejected(`\`${name}\` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint`),
      );
    },
  );

  it.each([
    ['workflow', 'query($id: ID!) { workflow(id: $id) { id } }'],
    ['workflowExecution', 'query($id: ID!) { workflowExecution(id: $id) { id } }'],
    ['accountActivity', 'query($id: ID!) { accountActivity(id: $id) { id } }'],
  ])('rejects a lone surrogate in %s(id:)', async (_root, query) => {
    expect(await rejection(query, { id: 'e1\uDC00' })).toEqual(
      rejected('`id` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint'),
    );
  });
});

describe('forged cursors', () => {
  /** A cursor of `accountActivities` without arguments, at any offset, as only someone who read the code makes. */
  const forge = (offset: bigint | number): string =>
    Buffer.from(`c1:${connectionKey('Query.accountActivities', null, {})}:${offset}`, 'utf8').toString(
      'base64url',
    );
  const PAGE = 'query($c: String) { accountActivities(first: 3, after: $c) { nodes { id } } }';

  it('accepts a forged cursor at a real offset (the key is right), so the rejections below are about the offset', async () => {
    const result = await run<{ accountActivities: { nodes: unknown[] } }>(gw, PAGE, { c: forge(1) });
    expect(ok(result).accountActivities.nodes).toHaveLength(3);
    expect(result.upstream.map((r) => r.query.offset)).toEqual(['2']);
  });

  it('rejects the audit cursor with offset 9,999,999,999,999 before any call (was an upstream 400)', async () => {
    expect(await rejection(PAGE, { c: forge(9_999_999_999_999) })).toEqual(
      rejected(
        'Malformed cursor: pass back an `endCursor`/`startCursor` (or edge `cursor`) exactly as returned',
      ),
    );
  });

  it('rejects `after` the int32 maximum, whose next page would start past it', async () => {
    expect(await rejection(PAGE, { c: forge(2 ** 31 - 1) })).toEqual(
      rejected(
        'This cursor points beyond the end of any SailPoint list; start again without `after`/`before`',
      ),
    );
  });

  it('property: a forged offset beyond int32 is BAD_USER_INPUT with no upstream request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 2n ** 31n, max: 10n ** 16n }),
        fc.constantFrom('after', 'before'),
        async (offset, arg) => {
          const result = await run(
            gw,
            `query($c: String) { accountActivities(first: 3, ${arg}: $c) { nodes { id } } }`,
            { c: forge(offset) },
          );
          expect(codes(result.errors)).toEqual(['BAD_USER_INPUT']);
          expect(result.upstream).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
