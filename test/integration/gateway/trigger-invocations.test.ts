import type { DemoInvocationStatus } from '../../../src/demo-tenant/index.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { compareInstants, ok, requestsOf, run, startGateway } from './support.js';

const PATH = '/trigger-invocations/v1/status';
const TRIGGER = 'idn:identity-attributes-changed';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});

/** The tenant's order for `sorters=-created,triggerId`: created descending, then triggerId, then id. */
function newestFirst(list: readonly DemoInvocationStatus[]): DemoInvocationStatus[] {
  return [...list].sort(
    (a, b) =>
      compareInstants(b.created, a.created) ||
      (a.triggerId < b.triggerId ? -1 : a.triggerId > b.triggerId ? 1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
}

interface StatusNode {
  id: string;
  triggerId: string;
  subscriptionId: string;
  subscriptionName: string;
  type: string;
  created: string;
  completed: string | null;
  inFlight: boolean;
  failed: boolean;
  completeInvocationInput: { localizedError: { locale: string; message: string } | null } | null;
}

const FIELDS = `id triggerId subscriptionId subscriptionName type created completed inFlight failed
  completeInvocationInput { localizedError { locale message } }`;

function expectedNode(s: DemoInvocationStatus): StatusNode {
  return {
    id: s.id,
    triggerId: s.triggerId,
    subscriptionId: s.subscriptionId,
    subscriptionName: s.subscriptionName,
    type: s.type,
    created: s.created,
    completed: s.completed ?? null,
    inFlight: s.completed === undefined,
    failed: s.completeInvocationInput?.localizedError !== undefined,
    completeInvocationInput:
      s.completeInvocationInput === undefined
        ? null
        : { localizedError: s.completeInvocationInput.localizedError ?? null },
  };
}

describe('triggerInvocationStatuses', () => {
  it('sends the filter and `sorters=-created,triggerId`, and count=true because totalCount is selected', async () => {
    const matching = gw.tenant.data.retainedInvocationStatuses.filter((s) => s.triggerId === TRIGGER);
    const expected = newestFirst(matching);
    expect(expected.length).toBeGreaterThan(20);
    const result = await run<{ triggerInvocationStatuses: { totalCount: number; nodes: StatusNode[] } }>(
      gw,
      `query($trigger: String!) {
        triggerInvocationStatuses(
          first: 20
          filter: { triggerId: { eq: $trigger } }
          orderBy: [{ field: CREATED, direction: DESC }, { field: TRIGGER_ID }]
        ) { totalCount nodes { ${FIELDS} } }
      }`,
      { trigger: TRIGGER },
    );
    const page = ok(result).triggerInvocationStatuses;
    expect(page.nodes).toEqual(expected.slice(0, 20).map(expectedNode));
    expect(page.totalCount).toBe(matching.length);
    expect(requestsOf(result.upstream)).toEqual([
      {
        path: PATH,
        query: {
          limit: '21',
          offset: '0',
          count: 'true',
          filters: `triggerId eq "${TRIGGER}"`,
          sorters: '-created,triggerId',
        },
      },
    ]);
  });

  it('sends no count when totalCount is not selected', async () => {
    const result = await run<{ triggerInvocationStatuses: { nodes: { id: string }[] } }>(
      gw,
      '{ triggerInvocationStatuses(first: 3, orderBy: [{ field: COMPLETED }]) { nodes { id } } }',
    );
    ok(result);
    expect(requestsOf(result.upstream)).toEqual([
      { path: PATH, query: { limit: '4', offset: '0', sorters: 'completed' } },
    ]);
  });

  it('combines triggerId and subscriptionId with ` and ` and derives inFlight and failed', async () => {
    const all = gw.tenant.data.retainedInvocationStatuses;
    const failed = all.find((s) => s.completeInvocationInput?.localizedError !== undefined);
    const inFlight = all.find((s) => s.completed === undefined);
    expect(failed).toBeDefined();
    expect(inFlight).toBeDefined();
    for (const sample of [failed, inFlight] as DemoInvocationStatus[]) {
      const expected = all.filter(
        (s) => s.triggerId === sample.triggerId && s.subscriptionId === sample.subscriptionId,
      );
      const result = await run<{ triggerInvocationStatuses: { nodes: StatusNode[] } }>(
        gw,
        `query($t: String, $s: String) {
          triggerInvocationStatuses(first: 200, filter: { triggerId: { eq: $t }, subscriptionId: { eq: $s } }) {
            nodes { ${FIELDS} }
          }
        }`,
        { t: sample.triggerId, s: sample.subscriptionId },
      );
      const nodes = ok(result).triggerInvocationStatuses.nodes;
      expect(nodes).toEqual(expected.map(expectedNode));
      expect(nodes).toContainEqual(expectedNode(sample));
      expect(requestsOf(result.upstream)).toEqual([
        {
          path: PATH,
          query: {
            limit: '201',
            offset: '0',
            filters: `triggerId eq "${sample.triggerId}" and subscriptionId eq "${sample.subscriptionId}"`,
          },
        },
      ]);
    }
  });
});
