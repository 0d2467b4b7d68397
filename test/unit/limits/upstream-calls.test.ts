import { buildSubgraphSchema } from '@apollo/subgraph';
import fc from 'fast-check';
import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isUnionType,
  parse,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import {
  ENTITY_UPSTREAM_CALLS,
  FIELD_UPSTREAM_CALLS,
  estimateUpstreamCalls,
  pageCalls,
  upstreamCallsExceededMessage,
} from '../../../src/graphql/limits/index.js';
import { encodeNodeId } from '../../../src/core/node-id.js';
import { loadTypeDefs } from '../../../src/graphql/schema.js';

const schema: GraphQLSchema = buildSubgraphSchema([{ typeDefs: loadTypeDefs() }]);

const estimate = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  estimateUpstreamCalls(schema, parse(query), variables, operationName);
const calls = (query: string, variables?: Record<string, unknown>): number =>
  estimate(query, variables).total;

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ...E } }';
const reps = (typename: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ __typename: typename, id: `${typename}-${i}` }));

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

  it('prices _entities of executions and activities at one GET per representation', () => {
    const query = `${ENTITIES} fragment E on WorkflowExecution { id status }`;
    expect(estimate(query, { r: reps('WorkflowExecution', 150) })).toEqual({
      total: 150,
      bySource: { '_entities(WorkflowExecution)': 150 },
    });
    const activities = `${ENTITIES} fragment E on AccountActivity { id name }`;
    expect(calls(activities, { r: reps('AccountActivity', 40) })).toBe(40);
  });

  it('prices Workflow and TriggerInvocationStatus entities as one read of their whole list', () => {
    const workflows = `${ENTITIES} fragment E on Workflow { id name }`;
    expect(calls(workflows, { r: reps('Workflow', 500) })).toBe(1);
    const statuses = `${ENTITIES} fragment E on TriggerInvocationStatus { id failed }`;
    // Up to 2,000 statuses in windows of 250.
    expect(calls(statuses, { r: reps('TriggerInvocationStatus', 500) })).toBe(8);
  });

  it('multiplies the per-item fields of entities by their representations', () => {
    const query = `${ENTITIES}
      fragment E on WorkflowExecution { id history { type } workflow { executions(first: 5) { nodes { id } } } }`;
    expect(estimate(query, { r: reps('WorkflowExecution', 10) })).toEqual({
      total: 10 + 10 + 1 + 10,
      bySource: {
        '_entities(WorkflowExecution)': 10,
        'WorkflowExecution.history': 10,
        'WorkflowExecution.workflow': 1,
        'Workflow.executions': 10,
      },
    });
  });

  it('prices each type of a mixed _entities call by its own representations', () => {
    const query = `${ENTITIES}
      fragment E on _Entity {
        ... on Workflow { name }
        ... on WorkflowExecution { history { type } }
        ... on AccountActivity { name }
        ... on TriggerInvocationStatus { failed }
      }`;
    const r = [
      ...reps('Workflow', 30),
      ...reps('WorkflowExecution', 4),
      ...reps('AccountActivity', 3),
      ...reps('TriggerInvocationStatus', 9),
      { __typename: 'NoSuchType', id: 'x' },
      { id: 'no typename' },
    ];
    expect(calls(query, { r })).toBe(1 + 4 + 4 + 3 + 8);
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

describe('the call tables', () => {
  const reachable = (start: GraphQLNamedType): Set<string> => {
    const seen = new Set<string>();
    const coordinates = new Set<string>();
    const visit = (type: GraphQLNamedType): void => {
      if (seen.has(type.name)) return;
      seen.add(type.name);
      const types = isObjectType(type) ? [type] : isUnionType(type) ? type.getTypes() : [];
      for (const t of types) {
        for (const field of Object.values(t.getFields())) {
          coordinates.add(`${t.name}.${field.name}`);
          visit(getNamedType(field.type));
        }
      }
    };
    visit(start);
    return coordinates;
  };

  it('name only fields of the schema', () => {
    for (const coordinate of Object.keys(FIELD_UPSTREAM_CALLS)) {
      const [type, field] = coordinate.split('.') as [string, string];
      const found = schema.getType(type);
      expect({ coordinate, exists: isObjectType(found) && field in found.getFields() }).toEqual({
        coordinate,
        exists: true,
      });
    }
  });

  it('price every entity type', () => {
    const entity = schema.getType('_Entity');
    if (!isUnionType(entity)) throw new Error('no _Entity union');
    expect(
      entity
        .getTypes()
        .map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(ENTITY_UPSTREAM_CALLS).sort());
  });

  // The estimate knows the size of a connection's `nodes`/`edges` and of `_entities` only: any other list whose
  // items could call SailPoint would be priced as one item.
  it('leave no list of unknown size above a field that calls SailPoint', () => {
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        if (type.name.endsWith('Connection') || field.name === '_entities') continue;
        // `Query.nodes` is priced by its ids, as `_entities` by its representations.
        if (type.name === 'Query' && field.name === 'nodes') continue;
        const below = [...reachable(getNamedType(field.type))].filter((c) => c in FIELD_UPSTREAM_CALLS);
        if (below.length > 0) offenders.push(`${type.name}.${field.name} -> ${below.join(', ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('estimateUpstreamCalls of node and nodes', () => {
  const wf = (i: number) => encodeNodeId('Workflow', `wf-${i}`);
  const activity = (i: number) => encodeNodeId('AccountActivity', `aa-${i}`);

  it('prices node ids as the entities of their types, the workflow list once', () => {
    const result = estimate(
      'query($ids: [ID!]!) { nodes(nodeIds: $ids) { nodeId } node(nodeId: "' + wf(9) + '") { nodeId } }',
      { ids: [wf(1), wf(2), activity(1), activity(2), activity(3)] },
    );
    expect(result).toEqual({ total: 4, bySource: { 'nodes(Workflow)': 1, 'nodes(AccountActivity)': 3 } });
  });

  it('walks into the selection of each decoded type', () => {
    const result = estimate(
      `{ node(nodeId: "${wf(1)}") { ... on Workflow { executions(first: 10) { nodes { history { type } } } } } }`,
    );
    expect(result).toEqual({
      total: 12,
      bySource: { 'node(Workflow)': 1, 'Workflow.executions': 1, 'WorkflowExecution.history': 10 },
    });
  });

  it('prices ids the gateway did not issue at nothing (they fail before any call)', () => {
    expect(calls('{ node(nodeId: "wf-1") { nodeId } nodes(nodeIds: ["x", "", "A"]) { nodeId } }')).toBe(0);
  });

  it('advises fewer node ids when they are the most', () => {
    const ids = Array.from({ length: 80 }, (_, i) => activity(i));
    const result = estimate('query($ids: [ID!]!) { nodes(nodeIds: $ids) { nodeId } }', { ids });
    expect(upstreamCallsExceededMessage(result, 60)).toContain(
      'the most, 80, for `nodes(AccountActivity)`. To fit, ask for fewer items with `first`/`last` or send ' +
        'fewer `nodeIds` per request.',
    );
  });
});

describe('upstreamCallsExceededMessage', () => {
  it('gives the estimate, the limit, the largest source and what to do', () => {
    const result = estimate(
      '{ workflow(id: "busiest") { executions(first: 1000) { nodes { id history { type } } } } }',
    );
    expect(upstreamCallsExceededMessage(result, 60)).toBe(
      'This operation could make up to 1006 requests to SailPoint, more than the limit of 60 per operation ' +
        '(MAX_UPSTREAM_CALLS; SailPoint allows 100 requests per 10 s, shared with other callers); the most, 1000, ' +
        'for `WorkflowExecution.history`. To fit, ask for fewer items with `first`/`last` or drop per-item ' +
        'fields (`Workflow.executions`, `WorkflowExecution.history`) and fetch them in a separate operation ' +
        'for the items you show.',
    );
  });

  it('suggests fewer representations for _entities', () => {
    const result = estimate(`${ENTITIES} fragment E on WorkflowExecution { id }`, {
      r: reps('WorkflowExecution', 150),
    });
    expect(upstreamCallsExceededMessage(result, 60)).toBe(
      'This operation could make up to 150 requests to SailPoint, more than the limit of 60 per operation ' +
        '(MAX_UPSTREAM_CALLS; SailPoint allows 100 requests per 10 s, shared with other callers); the most, 150, ' +
        'for `_entities(WorkflowExecution)`. To fit, ask for fewer items with `first`/`last` or send fewer ' +
        '`_entities` representations per request.',
    );
  });
});
