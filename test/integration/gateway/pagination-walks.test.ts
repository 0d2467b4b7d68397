// Walking connections with after: endCursor returns every item exactly once and in order, for a workflow's
// executions and, as a property, for any sequence of page sizes on every connection.
import fc from 'fast-check';
import { edgeIds, gw, ok, requestsOf, run, useGateway, type Page, type Run } from './support.js';

useGateway();

describe('walking connections with after: endCursor', () => {
  it("returns each of a workflow's executions exactly once and in order, seven at a time", async () => {
    const data = gw.tenant.data;
    const wf = data.workflows.find((w) => {
      const n = data.executionsOf(w.id).length;
      return n >= 40 && n <= 150 && n % 7 !== 0;
    });
    if (wf === undefined) throw new Error('no workflow with a suitable number of executions');
    const expected = data.executionsOf(wf.id).map((e) => e.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const result: Run<{ workflow: { executions: Page } }> = await run<{ workflow: { executions: Page } }>(
        gw,
        `query($id: ID!, $after: String) {
          workflow(id: $id) {
            executions(first: 7, after: $after) {
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
            }
          }
        }`,
        { id: wf.id, after },
      );
      const page = ok(result).workflow.executions;
      expect(page.pageInfo.hasPreviousPage).toBe(seen.length > 0);
      expect(requestsOf(result.upstream)).toEqual([
        { path: '/workflows/v1', query: {} },
        {
          path: `/workflows/v1/${wf.id}/executions`,
          query: { limit: '8', offset: String(seen.length) },
        },
      ]);
      seen.push(...edgeIds(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('property: any sequence of page sizes yields every item of a connection once, in order', async () => {
    const data = gw.tenant.data;
    const smallWorkflow = data.workflows.find((w) => {
      const n = data.executionsOf(w.id).length;
      return n >= 5 && n <= 25;
    });
    const subscriptions = new Map<string, string[]>();
    for (const s of data.retainedInvocationStatuses) {
      subscriptions.set(s.subscriptionId, [...(subscriptions.get(s.subscriptionId) ?? []), s.id]);
    }
    const [subscription, subscriptionIds] =
      [...subscriptions].find(([, list]) => list.length >= 5 && list.length <= 40) ?? [];
    const requesters = new Map<string, string[]>();
    for (const a of data.accountActivities) {
      const who = a.requesterIdentitySummary?.identityId;
      if (who !== undefined && a.type === 'Certification')
        requesters.set(who, [...(requesters.get(who) ?? []), a.id]);
    }
    const [requester, requested] =
      [...requesters].sort(([, a], [, b]) => a.length - b.length).find(([, l]) => l.length >= 5) ?? [];
    const owner = data.workflows[0]?.owner.id as string;
    if (!smallWorkflow || !subscription || !subscriptionIds || !requester || !requested) {
      throw new Error('seeded data lacks a small list for the property');
    }

    interface Conn {
      name: string;
      query: string;
      variables: Record<string, unknown>;
      select: (data: Record<string, unknown>) => Page;
      expected: string[];
    }
    const PAGE_FIELDS =
      'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }';
    const connections: Conn[] = [
      {
        name: 'workflows',
        query: `query($first: Int, $after: String, $owner: ID) { c: workflows(first: $first, after: $after, filter: { ownerId: $owner }) { ${PAGE_FIELDS} } }`,
        variables: { owner },
        select: (d) => d.c as Page,
        expected: data.workflows.filter((w) => w.owner.id === owner).map((w) => w.id),
      },
      {
        name: 'executions',
        query: `query($first: Int, $after: String, $wf: ID!) { workflow(id: $wf) { c: executions(first: $first, after: $after) { ${PAGE_FIELDS} } } }`,
        variables: { wf: smallWorkflow.id },
        select: (d) => (d.workflow as { c: Page }).c,
        expected: data.executionsOf(smallWorkflow.id).map((e) => e.id),
      },
      {
        name: 'triggerInvocationStatuses',
        query: `query($first: Int, $after: String, $s: String) { c: triggerInvocationStatuses(first: $first, after: $after, filter: { subscriptionId: { eq: $s } }) { ${PAGE_FIELDS} } }`,
        variables: { s: subscription },
        select: (d) => d.c as Page,
        expected: subscriptionIds,
      },
      {
        name: 'accountActivities',
        query: `query($first: Int, $after: String, $by: ID) { c: accountActivities(first: $first, after: $after, requestedBy: $by, filter: { type: { eq: "Certification" } }) { ${PAGE_FIELDS} } }`,
        variables: { by: requester },
        select: (d) => d.c as Page,
        expected: requested,
      },
    ];

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...connections),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        async (conn, sizes) => {
          const seen: string[] = [];
          let after: string | null = null;
          for (let i = 0; i < 200; i++) {
            const first = sizes[i % sizes.length] as number;
            const result: Run<Record<string, unknown>> = await run(gw, conn.query, {
              ...conn.variables,
              first,
              after,
            });
            const page = conn.select(ok(result));
            expect(page.edges.length).toBeLessThanOrEqual(first);
            expect(result.upstream.every((r) => Number(r.query.limit ?? 0) <= 250)).toBe(true);
            seen.push(...edgeIds(page));
            if (!page.pageInfo.hasNextPage) break;
            expect(page.edges).toHaveLength(first);
            after = page.pageInfo.endCursor;
          }
          expect(seen).toEqual(conn.expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});
