import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import relay from 'relay-runtime';
import type { ConcreteRequest, ReaderFragment } from 'relay-runtime';
import { encodeNodeId } from '../../../src/core/node-id.js';
import { packageRoot } from '../../../src/graphql/schema.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { dataRequests, startGateway } from '../gateway/support.js';
import { RELAY_CONFIG, RELAY_DOCUMENTS, createRelayEnvironment } from './environment.js';

/**
 * The real relay-compiler (its native binary) compiles Relay documents against the schema introspected from the
 * running gateway, and relay-runtime runs the artifacts in Node against the gateway over HTTP: a `@connection`
 * paginated with its generated pagination query, and a `@refetchable` fragment refetched through `Query.node`.
 */

const { createOperationDescriptor, fetchQuery, getFragment, getSelector } = relay;

let gw: TestGateway;
let dir: string;
let artifacts: (name: string) => unknown;

beforeAll(async () => {
  gw = await startGateway();
  dir = mkdtempSync(join(tmpdir(), 'relay-'));
  const introspection = await gw.query<IntrospectionQuery>(getIntrospectionQuery());
  if (introspection.body.data == null) throw new Error(JSON.stringify(introspection.body.errors));
  writeFileSync(join(dir, 'schema.graphql'), printSchema(buildClientSchema(introspection.body.data)));
  writeFileSync(join(dir, 'relay.config.json'), JSON.stringify(RELAY_CONFIG, null, 2));
  // CommonJS artifacts (the tests load them with require); an app's bundler would take the ES module default.
  writeFileSync(join(dir, 'package.json'), '{ "private": true }');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'documents.js'), RELAY_DOCUMENTS);
  const cli = join(packageRoot(), 'node_modules', 'relay-compiler', 'cli.js');
  const built = spawnSync(process.execPath, [cli], { cwd: dir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`relay-compiler: ${built.stderr}${built.stdout}`);
  const require = createRequire(join(dir, 'src', 'index.js'));
  artifacts = (name) => require(`./__generated__/${name}.graphql.js`) as unknown;
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface WorkflowRow {
  nodeId: string;
  id: string;
  name: string | null;
}
interface ListFragment {
  workflows: {
    edges: { cursor: string; node: WorkflowRow & { ' $fragmentSpreads': unknown } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('Relay against the gateway', () => {
  it('compiles the documents, with refetch queries through node(nodeId:)', () => {
    expect(readdirSync(join(dir, 'src', '__generated__')).sort()).toEqual([
      'RelayDashboardQuery.graphql.js',
      'RelayWorkflowCardRefetchQuery.graphql.js',
      'RelayWorkflowCard_workflow.graphql.js',
      'RelayWorkflowListPaginationQuery.graphql.js',
      'RelayWorkflowList_query.graphql.js',
      'RelayWorkflowsQuery.graphql.js',
    ]);
    const refetch = artifacts('RelayWorkflowCardRefetchQuery') as ConcreteRequest;
    expect(refetch.params.text).toContain('node(nodeId: $nodeId)');
    expect(refetch.params.text).toContain('query RelayWorkflowCardRefetchQuery(\n  $nodeId: ID!\n)');
  });

  it('pages a @connection with its generated pagination query, merging the edges in the store', async () => {
    const env = createRelayEnvironment(gw.url, gw.defaultHeaders);
    const query = artifacts('RelayWorkflowsQuery') as ConcreteRequest;
    const pagination = artifacts('RelayWorkflowListPaginationQuery') as ConcreteRequest;
    const fragment = artifacts('RelayWorkflowList_query') as ReaderFragment;

    await fetchQuery(env, query, { first: 4 }).toPromise();
    const root = env.lookup(createOperationDescriptor(query, { first: 4 }).fragment).data as Record<
      string,
      unknown
    >;
    const read = (): ListFragment =>
      env.lookup(getSelector(fragment, root) as never).data as unknown as ListFragment;
    const page1 = read().workflows;
    expect(page1.edges).toHaveLength(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);

    await fetchQuery(env, pagination, { first: 4, after: page1.pageInfo.endCursor }).toPromise();
    const merged = read().workflows;
    const expected = gw.tenant.data.workflows.slice(0, 8);
    expect(merged.edges.map((e) => [e.node.id, e.node.nodeId, e.node.name])).toEqual(
      expected.map((w) => [w.id, encodeNodeId('Workflow', w.id), w.name]),
    );
    // Records are keyed by nodeId (getDataID), the id Relay expects to be unique across types.
    expect(
      env
        .getStore()
        .getSource()
        .has(encodeNodeId('Workflow', expected[0]?.id as string)),
    ).toBe(true);
  });

  it('refetches a @refetchable fragment through node(nodeId:), one workflow list call', async () => {
    // no-cache: the earlier test's workflow list is in the gateway's cache, and this one counts the call.
    const env = createRelayEnvironment(gw.url, { ...gw.defaultHeaders, 'cache-control': 'no-cache' });
    const refetch = artifacts('RelayWorkflowCardRefetchQuery') as ConcreteRequest;
    const card = artifacts('RelayWorkflowCard_workflow') as ReaderFragment;
    const workflow = gw.tenant.data.workflows[2];
    if (workflow === undefined) throw new Error('no workflow');
    const nodeId = encodeNodeId('Workflow', workflow.id);

    gw.tenant.clearRequests();
    await fetchQuery(env, refetch, { nodeId }, { fetchPolicy: 'network-only' }).toPromise();
    expect(dataRequests(gw).map((r) => r.path)).toEqual(['/workflows/v1']);
    const root = env.lookup(createOperationDescriptor(refetch, { nodeId }).fragment).data as {
      node: Record<string, unknown>;
    };
    // The refetch query's `node` is the fragment's own record (the same dataID the list wrote).
    expect(root.node.__id).toBe(nodeId);
    const data = env.lookup(getSelector(getFragment(card), root.node) as never).data as Record<
      string,
      unknown
    >;
    expect(data).toEqual({
      nodeId,
      id: workflow.id,
      name: workflow.name,
      enabled: workflow.enabled,
    });
  });

  it('keeps the sibling panel when one field fails, and gives the failing one its error through @catch', async () => {
    const env = createRelayEnvironment(gw.url, gw.defaultHeaders);
    const query = artifacts('RelayDashboardQuery') as ConcreteRequest;
    // `first: -1` is refused by the gateway (BAD_USER_INPUT) before any SailPoint call.
    const variables = { activities: -1 };
    await fetchQuery(env, query, variables).toPromise();
    const snapshot = env.lookup(createOperationDescriptor(query, variables).fragment);
    expect(snapshot.data).toEqual({
      workflows: {
        edges: gw.tenant.data.workflows
          .slice(0, 2)
          .map((w) => ({ node: { nodeId: encodeNodeId('Workflow', w.id), id: w.id, name: w.name } })),
      },
      // Relay hands the component the error's `extensions` (no message, no path): the code says what failed.
      accountActivities: { ok: false, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] },
    });
  });
});
