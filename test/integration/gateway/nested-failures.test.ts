import type { TestGateway } from '../../helpers/gateway.js';
import { withNulls } from '../../helpers/response-paths.js';
import { withFailureGateway } from './failures.js';
import { ok, run, type Run } from './support.js';

/**
 * Each nested field that makes a SailPoint call of its own fails alone: its parent object and the parent's other
 * fields keep the values they have without the fault, and the error's path names the field. One test per such
 * field (endpoint-failures.test.ts audits every endpoint under every field; these say it field by field).
 */

let gw: TestGateway;
withFailureGateway((started) => {
  gw = started;
});

interface Outcome {
  before: Run<Record<string, unknown>>;
  after: Run<Record<string, unknown>>;
}

/** Runs `query` without a fault, injects one (which may read the fault-free answer), and runs it again. */
async function failing(
  query: string,
  inject: (before: Record<string, unknown>) => void | Promise<void>,
): Promise<Outcome> {
  const before = await run(gw, query);
  const data = ok(before);
  await inject(data);
  return { before, after: await run(gw, query) };
}

/** The answer is the fault-free one with exactly `path` nulled, and one UPSTREAM_ERROR error there. */
function expectOnlyNulled({ before, after }: Outcome, path: (string | number)[]): void {
  expect(after.status).toBe(200);
  expect(after.errors.map((e) => [e.path, e.extensions?.code])).toEqual([[path, 'UPSTREAM_ERROR']]);
  expect(after.body.data).toEqual(withNulls(before.body.data, [path]));
}

const paths = (r: Run<unknown>): string[] => r.upstream.map((u) => u.path).sort();

describe('a nested field whose own call fails is null; its parent and siblings keep their values', () => {
  it('Workflow.executions of one workflow', async () => {
    const query =
      '{ workflows(first: 3, orderBy: [{ field: NAME }]) { totalCount nodes { id name enabled ' +
      'owner { name } executions(first: 2) { nodes { id status } } } } }';
    let failed = '';
    const outcome = await failing(query, (data) => {
      failed = (data as { workflows: { nodes: { id: string }[] } }).workflows.nodes[1]?.id as string;
      gw.tenant.addFault({ path: `/workflows/v1/${failed}/executions`, status: 502 });
    });
    expectOnlyNulled(outcome, ['workflows', 'nodes', 1, 'executions']);
    // The list once, and one executions call per workflow, the failed one included (no retry).
    expect(paths(outcome.after)).toEqual(paths(outcome.before));
    expect(outcome.after.upstream).toHaveLength(4);
    expect(paths(outcome.after)).toContain(`/workflows/v1/${failed}/executions`);
  });

  it('WorkflowExecution.workflow', async () => {
    const id = gw.tenant.data.retainedExecutions[0]?.id as string;
    const outcome = await failing(
      `{ workflowExecution(id: "${id}") { id workflowId requestId status startTime workflow { id name } } }`,
      () => gw.tenant.addFault({ path: '/workflows/v1', status: 502 }),
    );
    expectOnlyNulled(outcome, ['workflowExecution', 'workflow']);
    expect(paths(outcome.after)).toEqual([`/workflow-executions/v1/${id}`, '/workflows/v1']);
  });

  it('WorkflowExecution.history', async () => {
    const id = gw.tenant.data.retainedExecutions[0]?.id as string;
    const outcome = await failing(
      `{ workflowExecution(id: "${id}") { id status closeTime history { type timestamp } workflow { name } } }`,
      () => gw.tenant.addFault({ path: `/workflow-executions/v1/${id}/history`, status: 502 }),
    );
    expectOnlyNulled(outcome, ['workflowExecution', 'history']);
    expect(paths(outcome.after)).toEqual(
      [`/workflow-executions/v1/${id}`, `/workflow-executions/v1/${id}/history`, '/workflows/v1'].sort(),
    );
  });

  /**
   * `totalCount` rides on the page's first call (`count=true`); when SailPoint's answer has no count, the field
   * makes a count call of its own. Here the page comes back without its count (SailPoint's own items, fetched
   * directly) and that count call fails.
   */
  it.each([
    ['AccountActivityConnection.totalCount', 'accountActivities', '/account-activities/v1'],
    [
      'TriggerInvocationStatusConnection.totalCount',
      'triggerInvocationStatuses',
      '/trigger-invocations/v1/status',
    ],
  ])('%s', async (_coordinate, root, path) => {
    const query = `{ ${root}(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id created } } }`;
    const outcome = await failing(query, async () => {
      // The items the gateway asks for (two and one lookahead), straight from the tenant, without X-Total-Count.
      const response = await fetch(`${gw.tenant.url}${path}?limit=3&offset=0`, {
        headers: { authorization: `Bearer ${gw.tenant.issueToken()}` },
      });
      gw.tenant.addFault({ path, status: 200, body: await response.json(), times: 1 });
      gw.tenant.addFault({ path, status: 502, times: 1 });
    });
    expectOnlyNulled(outcome, [root, 'totalCount']);
    // The counted page call, then the count call that failed.
    expect(outcome.before.upstream.map((u) => [u.path, u.query['count']])).toEqual([[path, 'true']]);
    expect(outcome.after.upstream.map((u) => [u.path, u.query['count'], u.query['limit']])).toEqual([
      [path, 'true', '3'],
      [path, 'true', '1'],
    ]);
  });
});
