import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packageRoot } from '../../../src/graphql/schema.js';

/**
 * The request path as folders (README "Architecture"): each layer imports only the layers below it, so
 * `upstream/` and `cache/` never learn that GraphQL or HTTP exist. `npm run check:circles` (dpdm) guards
 * circles between files; this test guards the direction between folders, type-only imports included.
 */
const src = join(packageRoot(), 'src');

// Highest first. A file may import its own layer and anything after it in this list, nothing above it.
const LAYERS: readonly (readonly string[])[] = [
  ['index.ts', 'main.ts', 'gateway.ts', 'tools'],
  ['http'],
  // Live subscriptions: a transport beside http/ that executes through graphql/ and polls through upstream/.
  ['live'],
  ['graphql'],
  ['workflows', 'trigger-invocations', 'account-activities'],
  // The resolver types codegen writes: they name the DTOs (upstream/), the page aliases (pagination/) and the
  // context every resolver receives (core/resolver-context.ts), so the domains type against them downward.
  ['__generated__'],
  ['pagination'],
  ['observability'],
  ['config'],
  ['upstream'],
  ['cache'],
  ['core'],
];

const DOMAINS = new Set(LAYERS[4]);

interface Edge {
  from: string;
  to: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
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
  const statement = /^\s*(?:import|export)\s+[^'"]*?from\s+['"](\.[^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(statement)) {
    const target = resolve(dirname(file), match[1]!);
    found.push({ from: unit(file), to: unit(target) });
  }
  for (const match of text.matchAll(dynamic)) {
    found.push({ from: unit(file), to: unit(resolve(dirname(file), match[1]!)) });
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

it('imports only downward, type-only imports included', () => {
  const upward = all.filter((edge) => edge.to !== 'demo-tenant' && rank(edge.to) < rank(edge.from));
  expect(upward).toEqual([]);
});

it('keeps the domain folders independent of each other', () => {
  const sideways = all.filter((edge) => DOMAINS.has(edge.from) && DOMAINS.has(edge.to));
  expect(sideways).toEqual([]);
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
