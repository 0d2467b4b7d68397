import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * A limit rejection is a request error of a well-formed request: 200 for the `application/json` these requests
 * accept (GraphQL over HTTP; graphql-over-http.test.ts covers the 400 of application/graphql-response+json).
 */
const REFUSED = 200;

/** The default configuration: no limit variable set. */
let gw: TestGateway;
/**
 * 500 aliases take ~5500 tokens: a raised token limit lets the alias rule be what rejects them. 10,100 fields are
 * ~111 KB: raised byte limits let the token limit be what rejects them.
 */
let raised: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  raised = await startTestGateway({
    env: {
      MAX_TOKENS: '10000',
      MAX_UPSTREAM_CALLS: '20',
      MAX_DOCUMENT_BYTES: String(256 * 1024),
      MAX_BODY_BYTES: String(256 * 1024),
    },
  });
});
afterAll(async () => {
  await gw?.stop();
  await raised?.stop();
});
beforeEach(() => {
  gw.tenant.clearRequests();
  raised.tenant.clearRequests();
});

const NO_CACHE = { 'cache-control': 'no-cache' };
const dataCalls = (t: TestGateway) => t.tenant.requests.filter((r) => r.path !== '/oauth/token');
const aliases500 = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: workflow(id: "w${i}") { id }`).join(' ')} }`;

/** The workflow with the most executions in the demo data. */
function busiestWorkflow(t: TestGateway): { id: string; executions: number } {
  const counts = t.tenant.data.workflows.map((w) => ({
    id: w.id,
    executions: t.tenant.data.executionsOf(w.id).length,
  }));
  return counts.reduce((a, b) => (b.executions > a.executions ? b : a));
}

/** workflow { executions { nodes { workflow { executions ... } } } } with `levels` workflow levels. */
function nestedWorkflows(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `id executions(first: 1) { nodes { workflow { ${inner} } } }`;
  return `{ workflow(id: "any") { ${inner} } }`;
}

describe('query limits over HTTP', () => {
  it('rejects a 30-level nesting with a clear message and no upstream call', async () => {
    const { status, body } = await gw.query(nestedWorkflows(30));
    expect(status).toBe(REFUSED);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query depth limit of 15 exceeded, found \d+\./),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('rejects 500 aliases by the token limit, with a message naming it, and no upstream call', async () => {
    const { status, body } = await gw.query(aliases500);
    expect(status).toBe(REFUSED);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          'The query has more than 2000 tokens (names, punctuation and values), the most this gateway parses ' +
          '(MAX_TOKENS). Send a smaller document: fewer fields or aliases, fragments for repeated selections, ' +
          'variables for long values, or several operations.',
        extensions: expect.objectContaining({ code: 'GRAPHQL_PARSE_FAILED' }),
      }),
    ]);
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('rejects 500 aliases by the alias limit when the token limit is raised', async () => {
    const { status, body } = await raised.query(aliases500);
    expect(status).toBe(REFUSED);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          'Aliases limit of 30 exceeded, found 500. Use fewer aliased fields, or page through a connection instead.',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(raised.tenant.requests).toHaveLength(0);
  });

  it('names the raised token limit too', async () => {
    const fields = Array.from({ length: 10_100 }, () => '__typename').join(' ');
    const { status, body } = await raised.query(`{ ${fields} }`);
    expect(status).toBe(REFUSED);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/^The query has more than 10000 tokens .*\(MAX_TOKENS\)/);
  });

  it('leaves other syntax errors as graphql-js words them', async () => {
    const { status, body } = await gw.query('{ workflows { ');
    expect(status).toBe(REFUSED);
    expect(body.errors?.[0]?.message).toBe('Syntax Error: Expected Name, found <EOF>.');
  });

  it('rejects an operation whose cost exceeds MAX_COST, using variables, with no upstream call', async () => {
    const query = `query Fanout($n: Int) {
      workflows(first: $n) { nodes { executions(first: 100) { nodes { id history { type } } } } }
    }`;
    const { status, body } = await gw.query(query, { n: 100 });
    expect(status).toBe(REFUSED);
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

describe('upstream call limit (MAX_UPSTREAM_CALLS)', () => {
  const EXPECTED_MESSAGE =
    /^This operation could make up to (\d+) requests to SailPoint, more than the limit of (\d+) per operation \(MAX_UPSTREAM_CALLS;/;

  it('rejects one history call per execution of a 1000-item page, counting variables, with no upstream call', async () => {
    const busiest = busiestWorkflow(gw);
    expect(busiest.executions).toBeGreaterThan(250);
    const { status, body } = await gw.query(
      'query($id: ID!, $n: Int) { workflow(id: $id) { executions(first: $n) { nodes { id history { type } } } } }',
      { id: busiest.id, n: 1000 },
      NO_CACHE,
    );
    expect(status).toBe(REFUSED);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(EXPECTED_MESSAGE),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    // The workflow list, 5 windows of executions (1000 + the lookahead item), 1000 histories.
    expect(EXPECTED_MESSAGE.exec(body.errors?.[0]?.message ?? '')?.slice(1)).toEqual(['1006', '60']);
    expect(body.errors?.[0]?.message).toMatch(/the most, 1000, for `WorkflowExecution\.history`/);
    expect(body.extensions?.upstream).toMatchObject({ requests: 0 });
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('rejects _entities with 150 WorkflowExecution representations with no upstream call', async () => {
    const ids = gw.tenant.data.workflows
      .flatMap((w) => gw.tenant.data.executionsOf(w.id))
      .slice(0, 150)
      .map((e) => e.id);
    expect(ids).toHaveLength(150);
    const { status, body } = await gw.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on WorkflowExecution { id status } } }',
      { r: ids.map((id) => ({ __typename: 'WorkflowExecution', id })) },
      NO_CACHE,
    );
    expect(status).toBe(REFUSED);
    expect(body.errors?.[0]?.message).toMatch(EXPECTED_MESSAGE);
    expect(body.errors?.[0]?.message).toMatch(
      /^This operation could make up to 150 requests .*; the most, 150, for `_entities\(WorkflowExecution\)`\. To fit, .* send fewer `_entities` representations per request\.$/,
    );
    expect(gw.tenant.requests).toHaveLength(0);
  });

  it('lets a dashboard of 50 executions with their history and workflow through: 52 calls, as estimated', async () => {
    const busiest = busiestWorkflow(gw);
    const { status, body } = await gw.query<{
      workflow: {
        executions: { nodes: { id: string; history: unknown[] | null; workflow: { id: string } }[] };
      };
    }>(
      `query($id: ID!) { workflow(id: $id) {
        executions(first: 50) { nodes { id status workflow { id name } history { type timestamp } } } } }`,
      { id: busiest.id },
      NO_CACHE,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.workflow.executions.nodes ?? [];
    expect(nodes.map((n) => n.id)).toEqual(
      gw.tenant.data
        .executionsOf(busiest.id)
        .slice(0, 50)
        .map((e) => e.id),
    );
    expect(nodes.every((n) => Array.isArray(n.history) && n.workflow.id === busiest.id)).toBe(true);
    // The workflow list, one page of executions, and a history read per execution (the estimate's 50 assumes
    // one page each; a history of 250 events or more takes one more per 250).
    const historyCalls = nodes.reduce((sum, n) => sum + Math.floor((n.history?.length ?? 0) / 250) + 1, 0);
    expect(historyCalls).toBe(50);
    expect(dataCalls(gw)).toHaveLength(2 + historyCalls);
  });

  it('lets 20 workflows with their executions through: 21 calls, as estimated', async () => {
    const { status, body } = await gw.query<{ workflows: { nodes: { executions: { nodes: unknown[] } }[] } }>(
      '{ workflows(first: 20) { nodes { id name executions(first: 10) { nodes { id status startTime } } } } }',
      undefined,
      NO_CACHE,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflows.nodes).toHaveLength(20);
    expect(dataCalls(gw)).toHaveLength(21);
  });

  it('follows a configured limit', async () => {
    const query =
      'query($n: Int) { workflows(first: $n) { nodes { executions(first: 10) { nodes { id } } } } }';
    const over = await raised.query(query, { n: 20 }, NO_CACHE);
    expect(over.status).toBe(REFUSED);
    expect(EXPECTED_MESSAGE.exec(over.body.errors?.[0]?.message ?? '')?.slice(1)).toEqual(['21', '20']);
    expect(raised.tenant.requests).toHaveLength(0);
    const within = await raised.query(query, { n: 19 }, NO_CACHE);
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();
    expect(dataCalls(raised)).toHaveLength(20);
  });
});
