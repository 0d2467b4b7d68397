import { buildSubgraphSchema } from '@apollo/subgraph';
import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import {
  DEFAULT_PAGE_SIZE,
  costExceededMessage,
  estimateCost,
  limitParseOptions,
  limitValidationRules,
  tokenLimitMessage,
} from '../../../src/graphql/limits/index.js';
import { loadTypeDefs } from '../../../src/graphql/schema.js';

const schema: GraphQLSchema = buildSubgraphSchema([{ typeDefs: loadTypeDefs() }]);

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string): number =>
  estimateCost(schema, parse(query), variables, operationName);

const limitErrors = (query: string, limits = { maxDepth: 15, maxAliases: 30 }): string[] =>
  validate(schema, parse(query), [...specifiedRules, ...limitValidationRules(limits)]).map((e) => e.message);

/** workflow { executions { nodes { workflow { executions ... } } } } with `levels` workflow levels. */
function nestedWorkflows(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `id executions(first: 1) { nodes { workflow { ${inner} } } }`;
  return `{ workflow(id: "w") { ${inner} } }`;
}

describe('estimateCost', () => {
  it('multiplies a connection selection by the default page size when first/last are absent', () => {
    expect(cost('{ workflows { totalCount } }')).toBe(1 + DEFAULT_PAGE_SIZE * 1);
  });

  it('uses first or last', () => {
    expect(cost('{ workflows(first: 10) { nodes { id name } } }')).toBe(1 + 10 * (1 + 2));
    expect(cost('{ triggerInvocationStatuses(last: 4) { nodes { id } } }')).toBe(1 + 4 * 2);
    expect(cost('{ accountActivities(first: 0) { nodes { id } } }')).toBe(1);
  });

  it('reads first from variables', () => {
    expect(cost('query Q($n: Int) { workflows(first: $n) { nodes { id } } }', { n: 200 })).toBe(1 + 200 * 2);
    expect(cost('query Q($n: Int = 7) { workflows(first: $n) { nodes { id } } }')).toBe(1 + 7 * 2);
  });

  it('multiplies through nested connections and weighs fields that cost an upstream call each', () => {
    const executions = 1 + 10 + 20 * (1 + 1); // Workflow.executions: itself, its upstream call, 20 x nodes { id }
    const nodes = 1 + executions;
    expect(cost('{ workflows(first: 10) { nodes { executions(first: 20) { nodes { id } } } } }')).toBe(
      1 + 10 * nodes,
    );
  });

  it('grows exponentially with nesting, so deep fan-out is refused', () => {
    const twoLevels = cost(
      '{ workflows(first: 100) { nodes { executions(first: 100) { nodes { workflow { executions(first: 100) { nodes { id } } } } } } } }',
    );
    expect(twoLevels).toBeGreaterThan(50_000);
  });

  it('counts fragments', () => {
    const inline = cost('{ workflows(first: 3) { nodes { id name } } }');
    expect(cost('{ workflows(first: 3) { nodes { ...W } } } fragment W on Workflow { id name }')).toBe(
      inline,
    );
  });

  it('prices the named operation only', () => {
    const doc =
      'query Small { workflow(id: "a") { id } } query Big { workflows(first: 500) { nodes { id } } }';
    expect(cost(doc, {}, 'Small')).toBe(2);
    expect(cost(doc, {}, 'Big')).toBe(1 + 500 * 2);
    expect(cost('{ workflow(id: "a") { id } }')).toBe(2);
  });

  it('makes introspection and _service free', () => {
    expect(cost(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBe(0);
    expect(cost('{ _service { sdl } }')).toBe(0);
  });

  it('multiplies nodes by the number of ids', () => {
    const query = 'query($ids: [ID!]!) { nodes(nodeIds: $ids) { nodeId ... on Workflow { id name } } }';
    // 1 for nodes, then per id: nodeId, id, name.
    expect(cost(query, { ids: ['a', 'b', 'c'] })).toBe(1 + 3 * 3);
    expect(cost(query, { ids: [] })).toBe(1);
  });

  it('multiplies _entities by the number of representations', () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Workflow { id name } } }';
    expect(
      cost(query, {
        r: [
          { __typename: 'Workflow', id: 'a' },
          { __typename: 'Workflow', id: 'b' },
        ],
      }),
    ).toBe(1 + 2 * 2);
  });

  it('explains a rejection', () => {
    expect(costExceededMessage(123456, 50000)).toBe(
      'Query cost 123456 exceeds the maximum of 50000: request fewer items with `first`/`last` or fewer nested connections.',
    );
  });
});

describe('limitValidationRules', () => {
  it('rejects a 30-level nesting with a clear message', () => {
    expect(limitErrors(nestedWorkflows(30))).toEqual([
      expect.stringMatching(/^Query depth limit of 15 exceeded, found \d+\. Request fewer nested levels/),
    ]);
  });

  it('accepts a query within the depth limit', () => {
    expect(limitErrors(nestedWorkflows(3))).toEqual([]);
  });

  it('rejects too many aliases', () => {
    const aliases = (n: number): string =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: workflow(id: "${i}") { id }`).join(' ')} }`;
    expect(limitErrors(aliases(30))).toEqual([]);
    expect(limitErrors(aliases(500))).toEqual([
      'Aliases limit of 30 exceeded, found 500. Use fewer aliased fields, or page through a connection instead.',
    ]);
  });

  it('lets introspection through', () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(limitErrors(query)).toEqual([]);
    expect(() => parse(query, limitParseOptions({ maxTokens: 2000 }))).not.toThrow();
  });
});

describe('limitParseOptions', () => {
  it('aborts parsing past the token limit', () => {
    const query = `{ ${Array.from({ length: 100 }, () => '__typename').join(' ')} }`;
    expect(() => parse(query, limitParseOptions({ maxTokens: 50 }))).toThrow(/more that 50 tokens/);
    expect(() => parse(query, limitParseOptions({ maxTokens: 200 }))).not.toThrow();
  });
});

describe('tokenLimitMessage', () => {
  it("rewords graphql-js's own token-limit message to name the limit and the way out", () => {
    const query = `{ ${Array.from({ length: 100 }, () => '__typename').join(' ')} }`;
    let message = '';
    try {
      parse(query, limitParseOptions({ maxTokens: 50 }));
    } catch (error) {
      message = (error as Error).message;
    }
    // Pinned: if graphql-js rewords it, the rewrite must follow.
    expect(message).toBe('Syntax Error: Document contains more that 50 tokens. Parsing aborted.');
    expect(tokenLimitMessage(message)).toBe(
      'The query has more than 50 tokens (names, punctuation and values), the most this gateway parses ' +
        '(MAX_TOKENS). Send a smaller document: fewer fields or aliases, fragments for repeated selections, ' +
        'variables for long values, or several operations.',
    );
  });

  it('leaves other syntax errors alone', () => {
    expect(tokenLimitMessage('Syntax Error: Expected Name, found "}".')).toBeUndefined();
    expect(tokenLimitMessage('Document contains more that 50 tokens. Parsing aborted.')).toBeUndefined();
  });
});
