// Cursors are bound to their list: one from another connection, other arguments or another workflow, or a
// malformed one, is BAD_USER_INPUT before any upstream call.
import fc from 'fast-check';
import { codes, gw, ok, run, useGateway, type Page } from './support.js';

useGateway();

describe('cursors', () => {
  it('rejects a cursor from another connection, or from other filter/order arguments, before any upstream call', async () => {
    const wfCursor = ok(
      await run<{ workflows: Page }>(
        gw,
        '{ workflows(first: 2) { edges { cursor node { id } } pageInfo { endCursor hasNextPage hasPreviousPage startCursor } } }',
      ),
    ).workflows.pageInfo.endCursor;
    const typed = ok(
      await run<{ accountActivities: Page }>(
        gw,
        '{ accountActivities(first: 2, filter: { type: { eq: "appRequest" } }) { pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { id } } } }',
      ),
    ).accountActivities.pageInfo.endCursor;
    const cases: [string, string, Record<string, unknown>][] = [
      ['workflows cursor on accountActivities', 'accountActivities(first: 2, after: $c)', { c: wfCursor }],
      [
        'other filter',
        'accountActivities(first: 2, after: $c, filter: { type: { eq: "Certification" } })',
        { c: typed },
      ],
      [
        'other order',
        'accountActivities(first: 2, after: $c, filter: { type: { eq: "appRequest" } }, orderBy: [{ field: CREATED }])',
        { c: typed },
      ],
      [
        'identity argument added',
        'accountActivities(first: 2, after: $c, requestedFor: "me", filter: { type: { eq: "appRequest" } })',
        { c: typed },
      ],
      [
        'as before on workflows',
        'workflows(last: 2, before: $c, filter: { enabled: true })',
        { c: wfCursor },
      ],
    ];
    for (const [name, field, variables] of cases) {
      const result = await run(gw, `query($c: String) { ${field} { edges { cursor } } }`, variables);
      expect({ name, codes: codes(result.errors) }).toEqual({ name, codes: ['BAD_USER_INPUT'] });
      expect(result.upstream).toEqual([]);
    }
    // The same arguments with another page size accept it: cursors are bound to the list, not the page.
    const same = await run<{ accountActivities: Page }>(
      gw,
      'query($c: String) { accountActivities(first: 5, after: $c, filter: { type: { eq: "appRequest" } }) { edges { node { id } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }',
      { c: typed },
    );
    expect(ok(same).accountActivities.pageInfo.hasPreviousPage).toBe(true);
  });

  it("rejects one workflow's executions cursor on another workflow, on that field only", async () => {
    const [a, b] = gw.tenant.data.workflows.filter((w) => gw.tenant.data.executionsOf(w.id).length > 3);
    if (!a || !b) throw new Error('need two workflows with executions');
    const cursor = ok(
      await run<{ workflow: { executions: Page } }>(
        gw,
        'query($id: ID!) { workflow(id: $id) { executions(first: 2) { pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { id } } } } }',
        { id: a.id },
      ),
    ).workflow.executions.pageInfo.endCursor;
    const result = await run(
      gw,
      'query($id: ID!, $c: String) { workflow(id: $id) { id executions(first: 2, after: $c) { nodes { id } } } }',
      { id: b.id, c: cursor },
    );
    expect(result.body.data).toEqual({ workflow: { id: b.id, executions: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['workflow', 'executions'], extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expect(result.upstream.map((r) => r.path)).toEqual(['/workflows/v1']);
  });

  it('property: a malformed cursor is BAD_USER_INPUT with no upstream request', async () => {
    const malformed = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.base64String({ maxLength: 60 }),
      fc.string({ maxLength: 40 }).map((s) => Buffer.from(s, 'utf8').toString('base64url')),
      // Well-formed, but with a key no connection has (or a garbled offset).
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), fc.string({ maxLength: 12 }))
        .map(([key, offset]) => Buffer.from(`c1:${key}:${offset}`, 'utf8').toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(malformed, fc.constantFrom('after', 'before'), async (cursor, arg) => {
        const result = await run(
          gw,
          `query($c: String) { accountActivities(first: 3, ${arg}: $c) { nodes { id } } }`,
          {
            c: cursor,
          },
        );
        expect(codes(result.errors)).toEqual(['BAD_USER_INPUT']);
        expect(result.body.data).toEqual({ accountActivities: null });
        expect(result.upstream).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
