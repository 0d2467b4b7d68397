import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import { packageRoot } from '../../../src/graphql/schema.js';
import { sha256Hex } from '../../../src/graphql/persisted/manifest.js';
import { metricValue, parseMetrics } from '../../helpers/metrics.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { apq, documentsCounted, get, post } from './support.js';

/**
 * Trusted documents end to end: the real graphql-codegen client preset (`persistedDocuments: true`, as a
 * frontend runs it) over the example operations in ./operations, and its manifest served by the gateway. In
 * production (PERSISTED_DOCUMENTS_ONLY by default) only the manifest's documents run, by each way a client can
 * name them; in development Sandbox and ad-hoc queries keep working beside them.
 */

const root = packageRoot();
let outDir: string;
let manifestPath: string;
let manifest: Record<string, string>;
let generatedTs: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'sgw-client-preset-'));
  await generate(
    {
      schema: join(root, 'schema/*.graphql'),
      documents: [join(root, 'test/integration/persisted/operations/*.graphql')],
      // The preset module itself, not the name 'client': codegen's by-name import does not resolve under jest's ESM.
      generates: { [`${outDir}/gql/`]: { preset: clientPreset, presetConfig: { persistedDocuments: true } } },
      silent: true,
    },
    true,
  );
  manifestPath = join(outDir, 'gql', 'persisted-documents.json');
  manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>;
  generatedTs = await readFile(join(outDir, 'gql', 'graphql.ts'), 'utf8');
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const idOf = (operation: string): string => {
  const entry = Object.entries(manifest).find(([, text]) => text.includes(`query ${operation}`));
  if (entry === undefined) throw new Error(`${operation} is not in the manifest`);
  return entry[0];
};

it('writes a manifest of sha256 ids that the generated documents carry', () => {
  expect(Object.keys(manifest)).toHaveLength(2);
  for (const [id, text] of Object.entries(manifest)) {
    expect(id).toBe(`sha256:${sha256Hex(text)}`);
    // What a frontend sends as documentId: the generated document's __meta__.hash.
    expect(generatedTs).toContain(`"__meta__":{"hash":"${id}"}`);
  }
});

describe('production with the manifest (PERSISTED_DOCUMENTS_ONLY by default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: 'production', PERSISTED_DOCUMENTS: manifestPath } });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('runs each manifest document by documentId (as generated, and as bare hex), by GET and by APQ hash', async () => {
    const dashboard = idOf('DashboardWorkflows');
    const byId = await post(gw, { documentId: dashboard, variables: { first: 2 } });
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect((byId.body.data as { workflows: { nodes: unknown[] } }).workflows.nodes).toHaveLength(2);

    const bare = await post(gw, { documentId: dashboard.replace(/^sha256:/, ''), variables: { first: 2 } });
    expect(bare.body.data).toEqual(byId.body.data);

    const recent = await get(gw, { documentId: idOf('RecentInvocations') });
    expect(recent.status).toBe(200);
    expect(recent.body.errors).toBeUndefined();

    const hashed = await post(gw, {
      extensions: apq(dashboard.replace(/^sha256:/, '')),
      variables: { first: 2 },
    });
    expect(hashed.body.data).toEqual(byId.body.data);
    expect(await documentsCounted(gw, 'persisted')).toBe(4);
  });

  it('refuses other documents before parsing, with no upstream call', async () => {
    gw.tenant.clearRequests();
    const before = await documentsCounted(gw, 'persisted');
    for (const query of ['{ workflows(first: 1) { nodes { id } } }', '{ this does not parse']) {
      const legacy = await post(gw, { query });
      expect(legacy.status).toBe(200);
      expect(legacy.body.data).toBeUndefined();
      expect(legacy.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_DOCUMENT_REQUIRED']);
      const modern = await post(gw, { query }, { accept: 'application/graphql-response+json' });
      expect(modern.status).toBe(400);
      expect(modern.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    }
    const text = '{ __typename }';
    const register = await post(gw, { query: text, extensions: apq(sha256Hex(text)) });
    expect(register.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const unknownId = await post(gw, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknownId.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const unknownHash = await get(gw, { extensions: apq('0'.repeat(64)) });
    expect(unknownHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');

    expect(gw.tenant.requests).toHaveLength(0);
    expect(await documentsCounted(gw, 'persisted')).toBe(before);
    const samples = parseMetrics(await (await gw.get('/metrics')).text());
    expect(
      metricValue(samples, 'graphql_operations_total', { operation: 'anonymous', outcome: 'bad_request' }),
    ).toBe(7);
  });

  it('still runs the exact text of a manifest document, and checks a hash sent with it', async () => {
    const text = manifest[idOf('RecentInvocations')];
    const response = await post(gw, { query: text });
    expect(response.body.errors).toBeUndefined();
    const mismatched = await post(gw, { query: text, extensions: apq('0'.repeat(64)) });
    expect(mismatched.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });
});

describe('development with the manifest', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: 'development', PERSISTED_DOCUMENTS: manifestPath } });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('keeps Sandbox and ad-hoc queries working next to the trusted documents, counting each kind', async () => {
    const page = await gw.get('/graphql', { accept: 'text/html' });
    expect(await page.text()).toContain('EmbeddedSandbox');
    const adHoc = await gw.query('{ workflows(first: 1) { nodes { id } } }');
    expect(adHoc.body.errors).toBeUndefined();
    const trusted = await post(gw, { documentId: idOf('DashboardWorkflows'), variables: { first: 1 } });
    expect(trusted.body.errors).toBeUndefined();
    expect(await documentsCounted(gw, 'ad_hoc')).toBe(1);
    expect(await documentsCounted(gw, 'persisted')).toBe(1);
  });
});

it('refuses to start on a manifest that is missing or not a manifest', async () => {
  await expect(startTestGateway({ env: { PERSISTED_DOCUMENTS: join(outDir, 'nope.json') } })).rejects.toThrow(
    /PERSISTED_DOCUMENTS: cannot read .*nope\.json \(ENOENT\)/,
  );
  await expect(
    startTestGateway({ env: { PERSISTED_DOCUMENTS: join(outDir, 'gql', 'graphql.ts') } }),
  ).rejects.toThrow(/is not valid JSON/);
});
