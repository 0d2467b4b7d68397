import type { AccountActivityDto } from '../../../src/upstream/types.js';
import { codes, harness } from '../pagination/harness.js';

const full: AccountActivityDto = {
  id: 'a1',
  name: 'Access request',
  type: 'appRequest',
  created: '2026-01-01T00:00:00.123Z',
  modified: '2026-01-02T00:00:00Z',
  completed: '2026-01-03T00:00:00Z',
  completionStatus: 'SUCCESS',
  executionStatus: 'COMPLETED',
  requesterIdentitySummary: { id: 'sum-1', name: 'Ann', identityId: 'id-ann', completed: true },
  targetIdentitySummary: { id: 'sum-2', name: 'Bob', identityId: null, completed: false },
  errors: ['e1'],
  warnings: [],
  clientMetadata: { app: 'portal' },
  items: [
    {
      id: 'i1',
      name: 'Role',
      requested: '2026-01-01T00:00:00Z',
      approvalStatus: 'FINISHED',
      provisioningStatus: 'COMMITED',
      requesterComment: {
        commenterId: 'id-ann',
        commenterName: 'Ann',
        body: 'please',
        date: '2026-01-01T00:00:00Z',
      },
      reviewerIdentitySummary: { id: 'sum-3', name: 'Rev', identityId: 'id-rev', completed: true },
      reviewerComment: null,
      operation: 'ADD',
      attribute: 'groups',
      value: 'admins',
      nativeIdentity: 'ann',
      sourceId: 'src-1',
      accountRequestInfo: {
        requestedObjectId: 'r1',
        requestedObjectName: 'Admin',
        requestedObjectType: 'ROLE',
      },
      clientMetadata: null,
      removeDate: null,
    },
    { provisioningStatus: 'QUANTUM', operation: null, accountRequestInfo: { requestedObjectType: 'APP' } },
  ],
};
const bare: AccountActivityDto = { id: 'a2', completionStatus: null, executionStatus: 'PAUSED' };
const activities = [full, bare, ...Array.from({ length: 48 }, (_, i) => ({ id: `x${i}` }))];

describe('account activity resolvers', () => {
  test('every field; requester/target/reviewer from the summaries; enums mapped', async () => {
    const h = harness({ activities });
    const result = await h.run(`{
      accountActivity(id: "a1") {
        id name type created modified completed completionStatus executionStatus errors warnings clientMetadata
        requester { id name identityId completed identity { id } }
        target { id name identityId completed identity { id } }
        items {
          id name requested approvalStatus provisioningStatus operation attribute value nativeIdentity sourceId removeDate clientMetadata
          requesterComment { commenterId commenterName body date }
          reviewer { name identity { id } }
          reviewerComment { body }
          accountRequestInfo { requestedObjectId requestedObjectName requestedObjectType }
        }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const activity = result.data?.['accountActivity'] as Record<string, unknown>;
    expect(activity).toMatchObject({
      id: 'a1',
      type: 'appRequest',
      created: '2026-01-01T00:00:00.123Z',
      completionStatus: 'SUCCESS',
      executionStatus: 'COMPLETED',
      errors: ['e1'],
      warnings: [],
      clientMetadata: { app: 'portal' },
      requester: {
        id: 'sum-1',
        name: 'Ann',
        identityId: 'id-ann',
        completed: true,
        identity: { id: 'id-ann' },
      },
      target: { id: 'sum-2', name: 'Bob', identityId: null, completed: false, identity: null },
    });
    expect(activity['items']).toEqual([
      {
        id: 'i1',
        name: 'Role',
        requested: '2026-01-01T00:00:00Z',
        approvalStatus: 'FINISHED',
        provisioningStatus: 'COMMITED',
        operation: 'ADD',
        attribute: 'groups',
        value: 'admins',
        nativeIdentity: 'ann',
        sourceId: 'src-1',
        removeDate: null,
        clientMetadata: null,
        requesterComment: {
          commenterId: 'id-ann',
          commenterName: 'Ann',
          body: 'please',
          date: '2026-01-01T00:00:00Z',
        },
        reviewer: { name: 'Rev', identity: { id: 'id-rev' } },
        reviewerComment: null,
        accountRequestInfo: {
          requestedObjectId: 'r1',
          requestedObjectName: 'Admin',
          requestedObjectType: 'ROLE',
        },
      },
      {
        id: null,
        name: null,
        requested: null,
        approvalStatus: null,
        provisioningStatus: 'UNKNOWN',
        operation: null,
        attribute: null,
        value: null,
        nativeIdentity: null,
        sourceId: null,
        removeDate: null,
        clientMetadata: null,
        requesterComment: null,
        reviewer: null,
        reviewerComment: null,
        accountRequestInfo: {
          requestedObjectId: null,
          requestedObjectName: null,
          requestedObjectType: 'UNKNOWN',
        },
      },
    ]);
    const warned = h.logLines().map((l) => [l['enum'], l['value']]);
    expect(warned).toEqual([
      ['ProvisioningStatus', 'QUANTUM'],
      ['RequestableObjectType', 'APP'],
    ]);
  });

  test('missing lists default to [], missing summaries to null, unknown status to UNKNOWN', async () => {
    const h = harness({ activities });
    const result = await h.run(
      '{ accountActivity(id: "a2") { errors warnings items { id } requester { id } target { id } completionStatus executionStatus } }',
    );
    expect(result).toEqual({
      data: {
        accountActivity: {
          errors: [],
          warnings: [],
          items: [],
          requester: null,
          target: null,
          completionStatus: null,
          executionStatus: 'UNKNOWN',
        },
      },
    });
  });

  test('a missing activity is null without an error; by-id lookups are memoised', async () => {
    const h = harness({ activities });
    const result = await h.run(
      '{ a: accountActivity(id: "nope") { id } b: accountActivity(id: "nope") { name } }',
    );
    expect(result).toEqual({ data: { a: null, b: null } });
    expect(h.calls).toEqual([{ method: 'getAccountActivity', args: ['nope'] }]);
  });

  test('list: identity args, filter and order translated; count only with totalCount', async () => {
    const h = harness({ activities });
    const result = await h.run(`{
      accountActivities(first: 2, requestedFor: "me", filter: { type: { in: ["appRequest", "Identity Refresh"] }, created: { ge: "2026-01-01T00:00:00Z" } }, orderBy: [{ field: CREATED, direction: DESC }]) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(h.calls).toEqual([
      {
        method: 'listAccountActivities',
        args: [
          {
            requestedFor: 'me',
            filters: 'type in ("appRequest","Identity Refresh") and created ge 2026-01-01T00:00:00Z',
            sorters: '-created',
            offset: 0,
            limit: 3,
            count: true,
          },
        ],
      },
    ]);
    const page = result.data?.['accountActivities'] as {
      totalCount: number;
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: Record<string, unknown>;
    };
    expect(page.totalCount).toBe(50);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a1', 'a2']);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor,
      endCursor: page.edges[1]?.cursor,
    });
  });

  test('default page is 50 items; nodes and edges agree', async () => {
    const h = harness({ activities });
    const result = await h.run(
      '{ accountActivities { nodes { id } edges { node { id } } pageInfo { hasNextPage } } }',
    );
    const page = result.data?.['accountActivities'] as {
      nodes: { id: string }[];
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean };
    };
    expect(page.nodes).toHaveLength(50);
    expect(page.edges.map((e) => e.node)).toEqual(page.nodes);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(h.calls.map((c) => c.args[0])).toEqual([{ offset: 0, limit: 51 }]);
  });

  test('a cursor from another identity argument is rejected', async () => {
    const h = harness({ activities });
    const first = await h.run(
      '{ accountActivities(first: 1, requestedFor: "me") { pageInfo { endCursor } } }',
    );
    const cursor = (first.data?.['accountActivities'] as { pageInfo: { endCursor: string } }).pageInfo
      .endCursor;
    const result = await h.run(
      'query($c: String) { accountActivities(first: 1, after: $c, requestedFor: "someone") { nodes { id } } }',
      { c: cursor },
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    const same = await h.run(
      'query($c: String) { accountActivities(first: 1, after: $c, requestedFor: "me") { nodes { id } } }',
      { c: cursor },
    );
    expect(same.data?.['accountActivities']).toEqual({ nodes: [{ id: 'a2' }] });
  });

  test('regardingIdentity with requestedBy is BAD_USER_INPUT without an upstream call', async () => {
    const h = harness({ activities });
    const result = await h.run(
      '{ accountActivities(regardingIdentity: "me", requestedBy: "x") { nodes { id } } }',
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data).toEqual({ accountActivities: null });
    expect(h.calls).toEqual([]);
  });

  test('_entities resolves activities through the by-id loader', async () => {
    const h = harness({ activities });
    const result = await h.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on AccountActivity { id name } } }',
      {
        r: [
          { __typename: 'AccountActivity', id: 'a1' },
          { __typename: 'AccountActivity', id: 'gone' },
        ],
      },
    );
    expect(result.data?.['_entities']).toEqual([{ id: 'a1', name: 'Access request' }, null]);
  });
});
