import type { TestGateway } from '../../helpers/gateway.js';
import { UPSTREAM_FAILURES, withFailureGateway } from '../gateway/failures.js';
import { codes, run } from '../gateway/support.js';

/**
 * `_entities` is `[_Entity]!` (the federation spec fixes its type), so only its items can be null: one failing
 * representation must fail its own item, with the error at that item's path, while the other items of the
 * router's fetch still resolve. Upstream failures of one representation's own call, of a call several share (the
 * workflow list), and a representation of a type this subgraph does not have.
 */

let gw: TestGateway;
withFailureGateway((started) => {
  gw = started;
});

type Entity = { __typename: string; id: string } | null;
const QUERY =
  'query($r: [_Any!]!) { _entities(representations: $r) { __typename ' +
  '... on WorkflowExecution { id } ... on AccountActivity { id } ... on Workflow { id } } }';

const entities = (representations: { __typename: string; id: string }[]) =>
  run<{ _entities: Entity[] }>(gw, QUERY, { r: representations });
const ref = (__typename: string, id: string) => ({ __typename, id });
const paths = (r: { upstream: { path: string }[] }): string[] => r.upstream.map((u) => u.path).sort();

describe('one failing representation fails only its own item', () => {
  it.each(UPSTREAM_FAILURES.map((f) => [f.name, f] as const))(
    'the GET of one of three AccountActivity representations fails with %s',
    async (_name, failure) => {
      const [a, b, c] = gw.tenant.data.accountActivities.map((x) => x.id) as [string, string, string];
      failure.inject(gw.tenant, `/account-activities/v1/${b}`);
      const result = await entities([a, b, c].map((id) => ref('AccountActivity', id)));
      expect(result.status).toBe(200);
      expect(result.body.data?._entities).toEqual([
        ref('AccountActivity', a),
        null,
        ref('AccountActivity', c),
      ]);
      expect(codes(result.errors)).toEqual([failure.code]);
      expect(result.errors[0]?.path).toEqual(['_entities', 1]);
      // One GET per representation, the failed one included (the tenant logs it unless the gateway gave up).
      expect(result.body.extensions?.upstream?.requests).toBe(3);
      expect(paths(result)).toEqual(
        (failure.logged ? [a, b, c] : [a, c]).map((id) => `/account-activities/v1/${id}`).sort(),
      );
    },
  );

  it('a failing workflow list fails every Workflow item, and no other item of the same request', async () => {
    const [w0, w1] = gw.tenant.data.workflows.map((w) => w.id) as [string, string];
    const execution = gw.tenant.data.retainedExecutions[0]?.id as string;
    gw.tenant.addFault({ path: '/workflows/v1', status: 502 });
    const result = await entities([
      ref('Workflow', w0),
      ref('WorkflowExecution', execution),
      ref('Workflow', w1),
    ]);
    expect(result.body.data?._entities).toEqual([null, ref('WorkflowExecution', execution), null]);
    expect(result.errors.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0], 'UPSTREAM_ERROR'],
      [['_entities', 2], 'UPSTREAM_ERROR'],
    ]);
    // The two Workflow items share the one list read.
    expect(paths(result)).toEqual(['/workflow-executions/v1/' + execution, '/workflows/v1'].sort());
  });

  it('a representation of a type this subgraph does not have fails alone (it used to null the whole data)', async () => {
    const [e0, e1] = gw.tenant.data.retainedExecutions.map((e) => e.id) as [string, string];
    gw.clearLogs();
    const result = await entities([
      ref('WorkflowExecution', e0),
      ref('NoSuchType', 'x'),
      ref('WorkflowExecution', e1),
    ]);
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      _entities: [ref('WorkflowExecution', e0), null, ref('WorkflowExecution', e1)],
    });
    expect(result.errors.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1], 'BAD_USER_INPUT'],
    ]);
    expect(paths(result)).toEqual([e0, e1].map((id) => `/workflow-executions/v1/${id}`).sort());
    // A caller's mistake: a warning, never an error line.
    expect(gw.logs().filter((line) => Number(line['level']) >= 50)).toEqual([]);
  });
});
