// The upstream-call estimate of pages and per-item fields: windows of 250, variables, directives, fragments,
// aliases, named operations, and its closed form and monotony as properties.
import fc from 'fast-check';
import { getIntrospectionQuery } from 'graphql';
import { pageCalls } from '../../../src/graphql/limits/index.js';
import { calls, estimate } from './support.js';

describe('pageCalls', () => {
  it('counts windows of 250 over the page plus its lookahead item', () => {
    expect(pageCalls({})).toBe(1); // 50 + 1
    expect(pageCalls({ first: 0 })).toBe(1);
    expect(pageCalls({ first: 249 })).toBe(1);
    expect(pageCalls({ first: 250 })).toBe(2);
    expect(pageCalls({ first: 600 })).toBe(3);
    expect(pageCalls({ first: 1000 })).toBe(5);
    expect(pageCalls({ last: 10, before: 'c' })).toBe(1);
  });

  it('adds the counted call that `last` without `before` makes first', () => {
    expect(pageCalls({ last: 10 })).toBe(2);
    expect(pageCalls({ last: 500 })).toBe(3);
  });
});

describe('estimateUpstreamCalls', () => {
  it('prices the audited fan-out: one history call per execution of a 1000-item page', () => {
    const result = estimate(
      '{ workflow(id: "busiest") { executions(first: 1000) { nodes { id history { type } } } } }',
    );
    expect(result).toEqual({
      total: 1006,
      bySource: { 'Query.workflow': 1, 'Workflow.executions': 5, 'WorkflowExecution.history': 1000 },
    });
  });

  it('counts the workflow list once, however many fields read workflows', () => {
    const query = `{
      workflows(first: 100) { totalCount nodes { id } }
      a: workflow(id: "a") { id }
      b: workflow(id: "b") { executions(first: 50) { nodes { workflow { name } } } }
    }`;
    expect(estimate(query)).toEqual({
      total: 2,
      bySource: { 'Query.workflows': 1, 'Workflow.executions': 1 },
    });
  });

  it('lets realistic dashboards through the default of 60', () => {
    // 20 workflows, each with a page of its executions: the list, then one page per workflow.
    expect(
      calls('{ workflows(first: 20) { nodes { id name executions(first: 10) { nodes { id status } } } } }'),
    ).toBe(21);
    // 50 executions with their history and workflow.
    expect(
      calls(
        `query($id: ID!) { workflow(id: $id) {
          executions(first: 50) { nodes { id status workflow { name } history { type timestamp } } } } }`,
        { id: 'w' },
      ),
    ).toBe(52);
    // The Sandbox example, with the lists of the other domains next to it.
    expect(
      calls(`{
        workflows(first: 5) { nodes { executions(first: 3) { nodes { id } } } }
        triggerInvocationStatuses(first: 100) { totalCount nodes { id failed } }
        accountActivities(first: 600) { nodes { id } }
      }`),
    ).toBe(1 + 5 + 1 + 3);
  });

  it('reads page sizes from variables and their defaults', () => {
    const query = `query($n: Int, $e: Int = 300) {
      workflows(first: $n) { nodes { executions(first: $e) { nodes { id } } } } }`;
    expect(calls(query, { n: 10 })).toBe(1 + 10 * 2);
    expect(calls(query, { n: 10, e: 20 })).toBe(1 + 10);
    // No `first`: the default page of 50 workflows.
    expect(calls(query, {})).toBe(1 + 50 * 2);
  });

  it('gives no estimate for variables that execution will reject', () => {
    const query =
      'query($n: Int!) { workflow(id: "w") { executions(first: $n) { nodes { history { type } } } } }';
    expect(calls(query, {})).toBe(0);
    expect(calls(query, { n: 'many' })).toBe(0);
  });

  it('follows @skip/@include, fragments and type conditions as execution does', () => {
    const history =
      'query($h: Boolean!) { workflowExecution(id: "e") { id history @include(if: $h) { type } } }';
    expect(calls(history, { h: true })).toBe(2);
    expect(calls(history, { h: false })).toBe(1);
    const fragments = `{ workflow(id: "w") { executions(first: 10) { nodes { ...A ...B } } } }
      fragment A on WorkflowExecution { history { type } }
      fragment B on WorkflowExecution { history { timestamp } }`;
    // Both fragments select the same response key: graphql-js resolves `history` once per execution.
    expect(calls(fragments)).toBe(1 + 1 + 10);
    const aliased = `{ workflow(id: "w") { executions(first: 10) { nodes { a: history { type } b: history { type } } } } }`;
    expect(calls(aliased)).toBe(1 + 1 + 20);
  });

  it('counts both lists of a connection and every alias of a root field', () => {
    const query = `{
      workflow(id: "w") { executions(first: 5) { edges { node { history { type } } } nodes { id } } }
      a: workflowExecution(id: "1") { id }
      b: workflowExecution(id: "2") { id }
      accountActivity(id: "x") { id }
    }`;
    expect(calls(query)).toBe(1 + 1 + 5 + 2 + 1);
  });

  it('prices the named operation only, and introspection and _service at nothing', () => {
    const doc =
      'query A { workflowExecution(id: "e") { id } } query B { accountActivities(first: 900) { nodes { id } } }';
    expect(calls(doc, undefined)).toBe(0);
    expect(estimate(doc, {}, 'A').total).toBe(1);
    expect(estimate(doc, {}, 'B').total).toBe(4);
    expect(calls(getIntrospectionQuery())).toBe(0);
    expect(calls('{ _service { sdl } __typename }')).toBe(0);
  });

  it('matches the closed form of workflows with executions, history and workflow (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        fc.boolean(),
        (w, e, history, workflow) => {
          const query = `query($w: Int, $e: Int) { workflows(first: $w) { nodes { executions(first: $e) {
            nodes { id ${history ? 'history { type }' : ''} ${workflow ? 'workflow { id }' : ''} } } } } }`;
          const expected = 1 + w * Math.ceil((e + 1) / 250) + (history ? w * e : 0);
          expect(calls(query, { w, e })).toBe(expected);
        },
      ),
    );
  });

  it('never decreases when a page grows (property)', () => {
    const query = `query($a: Int, $b: Int, $c: Int) {
      accountActivities(first: $a) { nodes { id } }
      workflows(first: $b) { nodes { executions(first: $c) { nodes { history { type } } } } } }`;
    const size = fc.integer({ min: 0, max: 1000 });
    fc.assert(
      fc.property(size, size, size, fc.nat(300), fc.constantFrom('a', 'b', 'c'), (a, b, c, more, which) => {
        const vars = { a, b, c };
        const bigger = { ...vars, [which]: vars[which] + more };
        expect(calls(query, bigger)).toBeGreaterThanOrEqual(calls(query, vars));
      }),
    );
  });
});
