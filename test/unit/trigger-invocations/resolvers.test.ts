import type { InvocationStatusDto } from '../../../src/upstream/types.js';
import { codes, harness } from '../pagination/harness.js';

const status = (i: number, over: Partial<InvocationStatusDto> = {}): InvocationStatusDto => ({
  id: `s${i}`,
  triggerId: 'idn:access-request-dynamic-approver',
  subscriptionId: 'sub-1',
  subscriptionName: 'Approver',
  type: 'REAL_TIME',
  created: `2026-03-01T00:00:00.${String(i).padStart(3, '0')}Z`,
  completed: '2026-03-01T00:01:00Z',
  startInvocationInput: {
    triggerId: 'idn:access-request-dynamic-approver',
    input: { n: i },
    contentJson: {},
  },
  completeInvocationInput: { output: { ok: true } },
  ...over,
});

const statuses: InvocationStatusDto[] = [
  status(0, { completed: null, completeInvocationInput: null }),
  status(1, { completed: '', type: 'TEST' }),
  status(2, { completeInvocationInput: { localizedError: { locale: 'en-US', message: 'Timed out' } } }),
  ...Array.from({ length: 597 }, (_, i) => status(i + 3)),
];

describe('trigger invocation resolvers', () => {
  test('fields, inFlight (completed null or empty), failed (localizedError present)', async () => {
    const h = harness({ statuses });
    const result = await h.run(`{
      triggerInvocationStatuses(first: 3) {
        nodes {
          id triggerId subscriptionId subscriptionName type created completed inFlight failed
          startInvocationInput { triggerId input contentJson }
          completeInvocationInput { localizedError { locale message } output }
        }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const nodes = (result.data?.['triggerInvocationStatuses'] as { nodes: Record<string, unknown>[] }).nodes;
    expect(nodes.map((n) => [n['id'], n['type'], n['completed'], n['inFlight'], n['failed']])).toEqual([
      ['s0', 'REAL_TIME', null, true, false],
      ['s1', 'TEST', null, true, false],
      ['s2', 'REAL_TIME', '2026-03-01T00:01:00Z', false, true],
    ]);
    expect(nodes[2]?.['completeInvocationInput']).toEqual({
      localizedError: { locale: 'en-US', message: 'Timed out' },
      output: null,
    });
    expect(nodes[0]?.['startInvocationInput']).toEqual({
      triggerId: 'idn:access-request-dynamic-approver',
      input: { n: 0 },
      contentJson: {},
    });
  });

  test('totalCount not selected: no count=true anywhere', async () => {
    const h = harness({ statuses });
    await h.run(
      '{ triggerInvocationStatuses(first: 10, filter: { triggerId: { eq: "t" } }, orderBy: [{ field: CREATED, direction: DESC }]) { nodes { id } } }',
    );
    expect(h.calls).toEqual([
      {
        method: 'listTriggerInvocationStatuses',
        args: [{ filters: 'triggerId eq "t"', sorters: '-created', offset: 0, limit: 11 }],
      },
    ]);
  });

  test('totalCount selected (also through a fragment): count=true on the first window only, no extra call', async () => {
    const h = harness({ statuses });
    const result = await h.run(`
      { triggerInvocationStatuses(first: 300) { ...Counted nodes { id } pageInfo { hasNextPage } } }
      fragment Counted on TriggerInvocationStatusConnection { totalCount }
    `);
    expect(result.data?.['triggerInvocationStatuses']).toMatchObject({
      totalCount: 600,
      pageInfo: { hasNextPage: true },
    });
    expect(h.calls.map((c) => c.args[0])).toEqual([
      { offset: 0, limit: 250, count: true },
      { offset: 250, limit: 51 },
    ]);
  });

  test('aliases asking for the same page make one call; the counted call also serves the uncounted alias', async () => {
    const h = harness({ statuses });
    await h.run(`{
      a: triggerInvocationStatuses(first: 5) { totalCount nodes { id } }
      b: triggerInvocationStatuses(first: 5) { nodes { id } }
      c: triggerInvocationStatuses(first: 5) { nodes { id } }
    }`);
    expect(h.calls).toHaveLength(1);
  });

  test('last without before: one counted call, then the last page', async () => {
    const h = harness({ statuses });
    const result = await h.run(
      '{ triggerInvocationStatuses(last: 2) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage } } }',
    );
    expect(result.data?.['triggerInvocationStatuses']).toEqual({
      totalCount: 600,
      nodes: [{ id: 's598' }, { id: 's599' }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
    expect(h.calls.map((c) => c.args[0])).toEqual([
      { offset: 0, limit: 3, count: true },
      { offset: 598, limit: 2 },
    ]);
  });

  test('malformed cursor is BAD_USER_INPUT', async () => {
    const h = harness({ statuses });
    expect(codes(await h.run('{ triggerInvocationStatuses(after: "nope") { nodes { id } } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(h.calls).toEqual([]);
  });

  test('_entities finds statuses in the list fetched once (no by-id endpoint)', async () => {
    const h = harness({ statuses });
    const result = await h.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on TriggerInvocationStatus { id failed } } }',
      {
        r: [
          { __typename: 'TriggerInvocationStatus', id: 's2' },
          { __typename: 'TriggerInvocationStatus', id: 's599' },
          { __typename: 'TriggerInvocationStatus', id: 'expired' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_entities']).toEqual([
      { id: 's2', failed: true },
      { id: 's599', failed: false },
      null,
    ]);
    expect(h.calls.map((c) => c.args[0])).toEqual([
      { offset: 0, limit: 250, count: true },
      { offset: 250, limit: 250 },
      { offset: 500, limit: 100 },
    ]);
  });

  test('_entities over an upstream that returns no count pages until a short page', async () => {
    const h = harness({ statuses });
    const list = h.client.listTriggerInvocationStatuses.bind(h.client);
    h.client.listTriggerInvocationStatuses = async (query) => ({ items: (await list(query)).items });
    const result = await h.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on TriggerInvocationStatus { id } } }',
      {
        r: [{ __typename: 'TriggerInvocationStatus', id: 's599' }],
      },
    );
    expect(result.data?.['_entities']).toEqual([{ id: 's599' }]);
    expect(h.calls.map((c) => (c.args[0] as { offset: number }).offset)).toEqual([0, 250, 500]);
  });
});
