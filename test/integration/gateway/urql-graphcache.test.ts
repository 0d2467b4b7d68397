import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import { getNamedType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildGatewaySchema, packageRoot } from '../../../src/graphql/schema.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { wholeSchemaQueries } from '../../helpers/whole-schema.js';
import { startGateway } from './support.js';

/**
 * The README's urql graphcache `keys` config, tested as a frontend would use it: a real graphcache client over
 * HTTP against the gateway, every field of every root query, and not one warning (graphcache warns through
 * console.warn in development builds, which jest runs).
 */

/** The type names the README's graphcache block keys as `embedded`. */
function readmeEmbeddedTypes(): string[] {
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  const block = /```ts\n((?:(?!```)[\s\S])*cacheExchange\(\{ keys \}\)(?:(?!```)[\s\S])*)```/.exec(
    readme,
  )?.[1];
  if (block === undefined) throw new Error('README: no ```ts block with cacheExchange({ keys })');
  return [...block.matchAll(/^\s+(\w+): embedded,$/gm)].map((m) => m[1] as string);
}

/** Object types a cache would meet in query results that have no non-null `id` to be keyed by. */
function keylessTypes(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !roots.has(type) && !type.name.startsWith('_'))
    .filter((type) => {
      const id = isObjectType(type) ? type.getFields()['id'] : undefined;
      return id === undefined || !isNonNullType(id.type) || getNamedType(id.type).name !== 'ID';
    })
    .map((type) => type.name)
    .sort();
}

const embedded = (): null => null;
const schema = buildGatewaySchema();

let gw: TestGateway;
let warn: jest.SpiedFunction<typeof console.warn>;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

function client(keys: KeyingConfig): Client {
  return new Client({
    url: gw.url,
    exchanges: [cacheExchange({ keys }), fetchExchange],
    preferGetMethod: false,
  });
}

async function runWholeSchema(urql: Client): Promise<void> {
  for (const [root, query] of Object.entries(wholeSchemaQueries(schema, gw.tenant))) {
    const result = await urql.query(query, {}).toPromise();
    expect({ root, error: result.error?.message }).toEqual({ root, error: undefined });
    expect((result.data as Record<string, unknown> | undefined)?.[root]).toBeTruthy();
  }
}

describe("the README's urql graphcache keys", () => {
  const documented = readmeEmbeddedTypes();

  it('name exactly the object types without a non-null id', () => {
    expect([...documented].sort()).toEqual(keylessTypes(schema));
  });

  it('give zero graphcache warnings over every field of every root query', async () => {
    const urql = client(Object.fromEntries(documented.map((name) => [name, embedded])));
    await runWholeSchema(urql);
    expect(warn.mock.calls.map((call) => String(call[0]).split('\n')[0])).toEqual([]);
    // Normalised in full: the same query answers from the cache alone.
    const [root, query] = Object.entries(wholeSchemaQueries(schema, gw.tenant))[0] as [string, string];
    const cached = await urql.query(query, {}, { requestPolicy: 'cache-only' }).toPromise();
    expect((cached.data as Record<string, unknown> | undefined)?.[root]).toBeTruthy();
  });

  it('without them graphcache warns about the keyless types (so the check above can fail)', async () => {
    await runWholeSchema(client({}));
    expect(warn.mock.calls.length).toBeGreaterThan(0);
    expect(warn.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(/WorkflowTrigger/);
  });
});

describe('urql with one failing panel (partial data)', () => {
  const DASHBOARD =
    'query Dashboard($activities: Int) { workflows(first: 2) { nodes { id name } } ' +
    'accountActivities(first: $activities) { nodes { id } } }';

  it.each([
    [
      '@urql/core alone',
      (): Client => new Client({ url: gw.url, exchanges: [fetchExchange], preferGetMethod: false }),
    ],
    [
      "graphcache with the README's keys",
      (): Client => client(Object.fromEntries(readmeEmbeddedTypes().map((n) => [n, embedded]))),
    ],
  ])('%s: data for the sibling panel, error.graphQLErrors for the failing one', async (_name, make) => {
    // `first: -1` is refused by the gateway (BAD_USER_INPUT) before any SailPoint call.
    const result = await make().query(DASHBOARD, { activities: -1 }).toPromise();
    const data = result.data as { workflows: { nodes: { id: string }[] } | null; accountActivities: unknown };
    expect(data.workflows?.nodes.map((n) => n.id)).toEqual(
      gw.tenant.data.workflows.slice(0, 2).map((w) => w.id),
    );
    expect(data.accountActivities).toBeNull();
    expect(result.error?.graphQLErrors.map((e) => [e.path, e.extensions['code']])).toEqual([
      [['accountActivities'], 'BAD_USER_INPUT'],
    ]);
    expect(warn).not.toHaveBeenCalled();
  });
});
