import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packageRoot } from '../../../src/graphql/schema.js';

/**
 * The request path as folders (README "Architecture"): each layer imports only the layers below it, so
 * `upstream/` and `cache/` never learn that GraphQL or HTTP exist. `npm run check:circles` (dpdm) guards
 * circles between files; this test guards the direction between folders, type-only imports included.
 */
const src = join(packageRoot(), 'src');

// Highest first. A file may import its own layer and anything after it in this list.
const LAYERS: readonly (readonly string[])[] = [
  ['index.ts', 'main.ts', 'gateway.ts', 'tools'],
  ['http'],
  // Live subscriptions: a transport beside http/ that executes through graphql/ and polls through upstream/.
  ['live'],
  ['graphql', '__generated__'],
  ['workflows', 'trigger-invocations', 'account-activities'],
  ['pagination'],
  ['observability'],
  ['config'],
  ['upstream'],
  ['cache'],
  ['core'],
];

/**
 * The one documented upward edge: SDL-matching resolvers need the resolver types codegen writes and the
 * `Context` they run in. Type-only, so no module from graphql/ loads when a domain module does.
 */
const TYPE_ONLY_UPWARD = new Set(['__generated__', 'graphql']);
const DOMAINS = new Set(LAYERS[4]);

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__generated__' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The top-level folder (or root file) of a path under src/. */
function unit(path: string): string {
  return relative(src, path).split('/')[0]!.replace(/\.js$/, '.ts');
}

function edges(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const found: Edge[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(statement)) {
    const target = resolve(dirname(file), match[3]!);
    found.push({ from: unit(file), to: unit(target), typeOnly: match[2] !== undefined });
  }
  for (const match of text.matchAll(dynamic)) {
    found.push({ from: unit(file), to: unit(resolve(dirname(file), match[1]!)), typeOnly: false });
  }
  return found.filter((edge) => edge.from !== edge.to);
}

function rank(name: string): number {
  return LAYERS.findIndex((layer) => layer.includes(name));
}

const gatewayFiles = sources(src).filter((path) => unit(path) !== 'demo-tenant');
const all = gatewayFiles.flatMap(edges);

it('places every top-level folder and root file in a layer', () => {
  const units = new Set(gatewayFiles.map(unit));
  expect([...units].filter((name) => rank(name) < 0)).toEqual([]);
  expect(all.length).toBeGreaterThan(50);
});

it('imports only downward, except the type-only resolver types in the domain folders', () => {
  const upward = all.filter((edge) => {
    if (edge.to === 'demo-tenant') return false; // checked below
    if (DOMAINS.has(edge.from) && TYPE_ONLY_UPWARD.has(edge.to)) return false;
    return rank(edge.to) < rank(edge.from);
  });
  expect(upward).toEqual([]);
});

it('keeps the domain folders independent of each other and their upward imports type-only', () => {
  const sideways = all.filter((edge) => DOMAINS.has(edge.from) && DOMAINS.has(edge.to));
  expect(sideways).toEqual([]);
  const valueUpward = all.filter((edge) => DOMAINS.has(edge.from) && edge.to === 'graphql' && !edge.typeOnly);
  expect(valueUpward).toEqual([]);
});

it('keeps upstream/ and cache/ free of GraphQL, HTTP and the domains', () => {
  const forbidden = new Set(['graphql', 'http', '__generated__', 'pagination', ...DOMAINS]);
  const leaks = all.filter(
    (edge) => (edge.from === 'upstream' || edge.from === 'cache') && forbidden.has(edge.to),
  );
  expect(leaks).toEqual([]);
  // core/errors.ts is the one exception: the gateway's typed errors are GraphQLErrors so that the upstream
  // layer can raise them without a translation step; it imports the class, never a schema or a resolver.
  const graphqlPackage = gatewayFiles.filter(
    (path) =>
      ['upstream', 'cache', 'core'].includes(unit(path)) &&
      relative(src, path) !== 'core/errors.ts' &&
      /from\s+['"](?:graphql|@apollo\/[^'"]+)['"]/.test(readFileSync(path, 'utf8')),
  );
  expect(graphqlPackage).toEqual([]);
});

it('loads the demo tenant only from main.ts, and the demo tenant imports nothing of the gateway', () => {
  const intoDemo = all.filter((edge) => edge.to === 'demo-tenant').map((edge) => edge.from);
  expect([...new Set(intoDemo)]).toEqual(['main.ts']);
  const demoFiles = sources(join(src, 'demo-tenant'));
  const outOfDemo = demoFiles
    .flatMap(edges)
    .filter((edge) => edge.to !== 'demo-tenant' && edge.to !== 'core');
  expect(outOfDemo).toEqual([]);
});

// Issue 9: no hand-written file over ~300 lines, so each one reads in a sitting. Generated code is exempt.
const MAX_LINES = 340;

it(`keeps every hand-written source file under ${MAX_LINES} lines`, () => {
  const everyFile = sources(src).filter((path) => unit(path) !== '__generated__');
  expect(everyFile.length).toBeGreaterThan(50);
  const long = everyFile
    .map((path) => ({ file: relative(src, path), lines: readFileSync(path, 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(long).toEqual([]);
});
