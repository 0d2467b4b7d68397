import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/index.js';
import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { createGateway } from '../../../src/gateway.js';

const API_KEY = 'federation-test-key';

// A second subgraph that owns identities, as a company's identity service would: it extends the `Identity`
// stub this gateway declares (`resolvable: false`) with a field this gateway knows nothing about.
const identitiesTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Identity @key(fields: "id") { id: ID!  displayName: String! }
  type Query { identityCount: Int! }
`);
const displayNameOf = (id: string): string => `Identity ${id.slice(0, 8)}`;

describe('composition into a supergraph with a second subgraph that extends Identity', () => {
  let tenant: DemoTenant;
  let sailpoint: Awaited<ReturnType<typeof createGateway>>;
  let identities: ApolloServer;
  let router: ApolloServer;
  let routerUrl: string;
  let identityLookups: string[];

  beforeAll(async () => {
    tenant = await startDemoTenant({ port: 0 });
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      SAILPOINT_BASE_URL: tenant.url,
      SAILPOINT_CLIENT_ID: tenant.credentials.clientId,
      SAILPOINT_CLIENT_SECRET: tenant.credentials.clientSecret,
      GATEWAY_API_KEYS: API_KEY,
      LOG_LEVEL: 'silent',
    });
    sailpoint = await createGateway(config, { logger: pino({ level: 'silent' }) });

    identityLookups = [];
    identities = new ApolloServer({
      logger: pino({ level: 'silent' }),
      schema: buildSubgraphSchema([
        {
          typeDefs: identitiesTypeDefs,
          resolvers: {
            Query: { identityCount: () => 0 },
            Identity: {
              __resolveReference: (ref: { id: string }) => {
                identityLookups.push(ref.id);
                return { id: ref.id, displayName: displayNameOf(ref.id) };
              },
            },
          },
        },
      ]),
    });
    const identitiesUrl = (
      await startStandaloneServer(identities, { listen: { port: 0, host: '127.0.0.1' } })
    ).url;

    // A real @apollo/gateway, composing both subgraphs from their `_service { sdl }` over HTTP.
    const gateway = new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: 'sailpoint', url: sailpoint.url },
          { name: 'identities', url: identitiesUrl },
        ],
      }),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest: ({ request }) => {
            request.http?.headers.set('x-api-key', API_KEY);
          },
        }),
      logger: pino({ level: 'silent' }),
    });
    router = new ApolloServer({ gateway, logger: pino({ level: 'silent' }) });
    routerUrl = (await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } })).url;
  });

  afterAll(async () => {
    await router?.stop();
    await identities?.stop();
    await sailpoint?.stop();
    await tenant?.stop();
  });

  it('answers one query whose fields come from both subgraphs', async () => {
    const res = await fetch(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ workflows(first: 5, orderBy: [{ field: NAME }]) {
                    nodes { id name owner { name identity { id displayName } } } } }`,
      }),
    });
    const body = (await res.json()) as {
      data?: {
        workflows: {
          nodes: {
            id: string;
            name: string;
            owner: { identity: { id: string; displayName: string } };
          }[];
        };
      };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.workflows.nodes;
    expect(nodes).toHaveLength(5);
    const expectedNames = tenant.data.workflows
      .map((w) => w.name ?? '')
      .sort((a, b) => a.localeCompare(b))
      .slice(0, 5);
    expect(nodes.map((n) => n.name)).toEqual(expectedNames);
    for (const node of nodes) {
      // owner comes from SailPoint through this gateway; displayName from the identities subgraph.
      const owner = tenant.data.workflows.find((w) => w.id === node.id)?.owner.id;
      expect(node.owner.identity.id).toBe(owner);
      expect(node.owner.identity.displayName).toBe(displayNameOf(owner as string));
    }
    expect(identityLookups.length).toBeGreaterThan(0);
  });

  it('resolves many Workflow entities through _entities with one upstream call', async () => {
    const ids = tenant.data.workflows.slice(0, 20).map((w) => w.id);
    tenant.clearRequests();
    const res = await fetch(sailpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, 'cache-control': 'no-cache' },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Workflow { id name } } }`,
        variables: {
          r: [
            ...ids.map((id) => ({ __typename: 'Workflow', id })),
            { __typename: 'Workflow', id: 'missing' },
          ],
        },
      }),
    });
    const body = (await res.json()) as { data: { _entities: ({ id: string; name: string } | null)[] } };
    expect(body.data._entities.slice(0, 20).map((e) => e?.id)).toEqual(ids);
    expect(body.data._entities[20]).toBeNull();
    const dataCalls = tenant.requests.filter((r) => r.path !== '/oauth/token');
    expect(dataCalls).toHaveLength(1);
  });
});
