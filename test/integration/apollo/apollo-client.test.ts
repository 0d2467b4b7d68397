import './dev-mode.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { getNamedType, isNonNullType, isObjectType } from 'graphql';
import { buildGatewaySchema, packageRoot } from '../../../src/graphql/schema.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { wholeSchemaQueries } from '../../helpers/whole-schema.js';
import { dataRequests, startGateway } from '../gateway/support.js';
import { createApolloClient, typePolicies } from './client.js';

/**
 * The README's Apollo Client setup run as a frontend would: a real Apollo Client 4 over HTTP against the gateway
 * in front of the demo tenant. Pages merge through `relayStylePagination`, a repeated query costs SailPoint
 * nothing, the cache logs no warning, and automatic persisted queries register on PERSISTED_QUERY_NOT_FOUND.
 */

interface WorkflowsData {
  workflows: {
    edges: { cursor: string; node: { id: string; name: string | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  } | null;
}
const WORKFLOWS: TypedDocumentNode<WorkflowsData, { first: number; after?: string | null }> = gql`
  query Workflows($first: Int!, $after: String) {
    workflows(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          name
          trigger {
            type
          }
          owner {
            type
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// Readable warnings instead of links to Apollo's error pages.
loadDevMessages();
loadErrorMessages();

const schema = buildGatewaySchema();
let gw: TestGateway;
let warnings: jest.SpiedFunction<typeof console.warn>;
let errors: jest.SpiedFunction<typeof console.error>;
/** Bodies the client POSTed and what the gateway answered, oldest first. */
let exchanges: { sent: Record<string, unknown>; received: Record<string, unknown> }[];

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const received = (await response.clone().json()) as Record<string, unknown>;
  exchanges.push({ sent: JSON.parse(String(init?.body)) as Record<string, unknown>, received });
  return response;
};

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});
beforeEach(() => {
  exchanges = [];
  warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  warnings.mockRestore();
  errors.mockRestore();
});

/** What Apollo logged so far (it logs cache warnings a tick after the write, hence the wait). */
async function logged(): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return [...warnings.mock.calls, ...errors.mock.calls].map((call) => String(call[0]));
}

describe("the README's Apollo Client setup", () => {
  it('is the one the README shows, and names every object type of the schema', () => {
    const source = readFileSync(join(packageRoot(), 'test/integration/apollo/client.ts'), 'utf8');
    const policies = /\/\/ Entities:[\s\S]*?\n};\n/.exec(source)?.[0];
    if (policies === undefined) throw new Error('client.ts: no typePolicies block');
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const section = readme.split('\n### Apollo Client\n')[1]?.split('\n### ')[0] ?? '';
    expect(section).toContain(policies);
    // Connections, edges and page info are the pagination helper's; every other object type has a policy.
    const objectTypes = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('_'))
      .map((type) => type.name)
      .filter((name) => !/(Connection|Edge)$|^(PageInfo|Mutation|Subscription)$/.test(name));
    expect(Object.keys(typePolicies).sort()).toEqual(objectTypes.sort());
    for (const [name, policy] of Object.entries(typePolicies)) {
      if (name === 'Query') continue;
      const type = schema.getType(name);
      const id = isObjectType(type) ? type.getFields()['id'] : undefined;
      const keyed = id !== undefined && isNonNullType(id.type) && getNamedType(id.type).name === 'ID';
      expect({ name, keyFields: policy.keyFields }).toEqual({ name, keyFields: keyed ? ['id'] : false });
    }
  });

  it('merges two pages fetched with fetchMore, and answers the same query again from the cache alone', async () => {
    const client = createApolloClient(gw.url, recordingFetch);
    const query = client.watchQuery({ query: WORKFLOWS, variables: { first: 2 } });
    // Subscribed, as under a mounted component: each emission goes to whoever waits for one like it.
    const waiting: { wanted: (data: WorkflowsData) => boolean; resolve: (data: WorkflowsData) => void }[] =
      [];
    const subscription = query.subscribe((result) => {
      if (result.error !== undefined) throw result.error;
      const data = result.loading ? undefined : result.data;
      for (const w of waiting.splice(0)) {
        if (data !== undefined && w.wanted(data as WorkflowsData)) w.resolve(data as WorkflowsData);
        else waiting.push(w);
      }
    });
    const emitted = (wanted: (data: WorkflowsData) => boolean): Promise<WorkflowsData> =>
      new Promise((resolve) => waiting.push({ wanted, resolve }));
    const first = (await emitted(() => true)).workflows;
    expect(first?.edges).toHaveLength(2);
    expect(first?.pageInfo.hasNextPage).toBe(true);

    const more = await query.fetchMore({ variables: { after: first?.pageInfo.endCursor } });
    const second = more.data?.workflows;
    expect(second?.edges).toHaveLength(2);
    const merged = (await emitted((data) => data.workflows?.edges.length === 4)).workflows;
    expect(merged?.edges.map((edge) => edge.node.id)).toEqual(
      [...(first?.edges ?? []), ...(second?.edges ?? [])].map((edge) => edge.node.id),
    );
    expect(new Set(merged?.edges.map((edge) => edge.node.id)).size).toBe(4);
    expect(merged?.pageInfo).toEqual(second?.pageInfo);

    const sent = exchanges.length;
    gw.tenant.clearRequests();
    const again = await client.query({ query: WORKFLOWS, variables: { first: 2 } });
    expect(again.data?.workflows?.edges).toHaveLength(4);
    expect(exchanges.length).toBe(sent);
    expect(dataRequests(gw)).toEqual([]);
    subscription.unsubscribe();
    expect(await logged()).toEqual([]);
  });

  it('logs no cache warning over every field of every root query, asked twice', async () => {
    const client = createApolloClient(gw.url, recordingFetch);
    for (const round of [1, 2]) {
      for (const [root, text] of Object.entries(wholeSchemaQueries(schema, gw.tenant))) {
        const result = await client.query({ query: gql(text), fetchPolicy: 'network-only' });
        expect({ round, root, error: result.error?.message }).toEqual({ round, root, error: undefined });
        expect((result.data as Record<string, unknown> | undefined)?.[root]).toBeTruthy();
      }
    }
    expect(await logged()).toEqual([]);
  });

  it('without the embedded types merged, Apollo warns of lost data (so the checks above can fail)', async () => {
    const client = new ApolloClient({
      cache: new InMemoryCache({
        typePolicies: { Query: { fields: { workflows: relayStylePagination(['filter', 'orderBy']) } } },
      }),
      link: new HttpLink({ uri: gw.url }),
    });
    const id = gw.tenant.data.workflows[0]?.id;
    await client.query({ query: gql`{ workflow(id: "${id}") { id trigger { type displayName } } }` });
    await client.query({
      query: gql`{ workflow(id: "${id}") { id trigger { type } } }`,
      fetchPolicy: 'network-only',
    });
    expect((await logged()).join('\n')).toMatch(/Cache data may be lost/);
  });

  it('registers an automatic persisted query on PERSISTED_QUERY_NOT_FOUND, then sends the hash alone', async () => {
    const text = `query ApqProbe { workflows(first: 1) { edges { node { id } } } }`;
    const first = await createApolloClient(gw.url, recordingFetch).query({ query: gql(text) });
    expect(first.data).toBeTruthy();
    expect(exchanges).toHaveLength(2);
    const [miss, registration] = exchanges;
    expect(miss?.sent['query']).toBeUndefined();
    expect(miss?.sent['extensions']).toMatchObject({ persistedQuery: { version: 1 } });
    expect(JSON.stringify(miss?.received['errors'])).toContain('PERSISTED_QUERY_NOT_FOUND');
    expect(typeof registration?.sent['query']).toBe('string');
    expect(registration?.sent['extensions']).toEqual(miss?.sent['extensions']);
    expect(registration?.received['errors']).toBeUndefined();

    // A new client (another browser, empty cache) gets its answer from the hash alone.
    exchanges = [];
    const again = await createApolloClient(gw.url, recordingFetch).query({ query: gql(text) });
    expect(again.data).toEqual(first.data);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.sent['query']).toBeUndefined();
    expect(exchanges[0]?.received['errors']).toBeUndefined();
    expect(await logged()).toEqual([]);
  });
});
