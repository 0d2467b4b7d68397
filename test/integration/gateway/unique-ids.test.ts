import { buildGatewaySchema } from '../../../src/graphql/schema.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { idsByValue, wholeSchemaQueries } from '../../helpers/whole-schema.js';
import { ok, run, startGateway } from './support.js';

/**
 * No `id` value is carried by two types. A client cache that normalises by `id` alone (Relay's store by
 * default) would otherwise see one record with two `__typename`s and corrupt it; until issue 13,
 * `IdentityReference.id` was the referenced `Identity.id`. The responses are the whole schema's (every field of
 * every root, generated from the SDL) over the seeded demo tenant.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});

describe('ids across the whole schema', () => {
  it('the walk finds a collision when there is one', () => {
    const response = {
      owner: { __typename: 'IdentityReference', id: 'i1', identity: { __typename: 'Identity', id: 'i1' } },
      other: { __typename: 'Identity', id: 'i1' },
      json: { id: 'w1', nested: [{ __typename: 'Workflow', id: 'w1' }] },
    };
    const found = idsByValue(response);
    expect([...(found.get('i1') ?? [])].sort()).toEqual(['Identity', 'IdentityReference']);
    expect([...(found.get('w1') ?? [])]).toEqual(['Workflow']);
  });

  it('no id value belongs to two __typenames in example responses of every root field', async () => {
    const queries = wholeSchemaQueries(buildGatewaySchema(), gw.tenant);
    expect(Object.keys(queries).sort()).toEqual(
      [
        'accountActivities',
        'accountActivity',
        'triggerInvocationStatuses',
        'workflow',
        'workflowExecution',
        'workflows',
      ].sort(),
    );
    const found = new Map<string, Set<string>>();
    for (const [root, query] of Object.entries(queries)) {
      const data = ok(await run(gw, query));
      expect({ root, data: data[root] }).not.toEqual({ root, data: null });
      idsByValue(data, found);
    }
    const shared = [...found].filter(([, types]) => types.size > 1).map(([id, types]) => [id, [...types]]);
    expect(shared).toEqual([]);
    // The walk saw every type that has an id (so a type that lost its data would not pass unnoticed).
    const typesWithIds = new Set([...found.values()].flatMap((types) => [...types]));
    expect([...typesWithIds].sort()).toEqual(
      [
        'AccountActivity',
        'AccountActivityItem',
        'Identity',
        'IdentitySummary',
        'TriggerInvocationStatus',
        'Workflow',
        'WorkflowExecution',
      ].sort(),
    );
  });
});
