import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  // 500 aliases take ~5000 tokens: raise the token limit so the alias rule is what rejects them.
  gw = await startTestGateway({ env: { MAX_COST: '50000', MAX_TOKENS: '10000' } });
});
afterAll(async () => {
  await gw.stop();
});
beforeEach(() => {
  gw.tenant.clearRequests();
});

/** workflow { executions { nodes { workflow { executions ... } } } } with `levels` workflow levels. */
function nestedWorkflows(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `id executions(first: 1) { nodes { workflow { ${inner} } } }`;
  return `{ workflow(id: "any") { ${inner} } }`;
}

describe('query limits over HTTP', () => {
  it('rejects a 30-level nesting with a clear message and no upstream call', async () => {
    const { status, body } = await gw.query(nestedWorkflows(30));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query depth limit of 15 exceeded, found \d+\./),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('rejects 500 aliases with no upstream call', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: workflow(id: "w${i}") { id }`).join(' ');
    const { status, body } = await gw.query(`{ ${aliases} }`, undefined);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/^Aliases limit of 30 exceeded, found 500\./);
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('rejects a document with too many tokens', async () => {
    const fields = Array.from({ length: 10_100 }, () => '__typename').join(' ');
    const { status, body } = await gw.query(`{ ${fields} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/more that 10000 tokens/);
  });

  it('rejects an operation whose cost exceeds MAX_COST, using variables, with no upstream call', async () => {
    const query = `query Fanout($n: Int) {
      workflows(first: $n) { nodes { executions(first: 100) { nodes { id history { type } } } } }
    }`;
    const { status, body } = await gw.query(query, { n: 100 });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^Query cost \d+ exceeds the maximum of 50000: request fewer items with `first`\/`last` or fewer nested connections\.$/,
        ),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(body.extensions?.upstream).toMatchObject({ requests: 0 });
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('runs the same operation with a small page', async () => {
    const query = `query Fanout($n: Int) {
      workflows(first: $n) { nodes { executions(first: 2) { nodes { id } } } }
    }`;
    const { status, body } = await gw.query(query, { n: 2 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
