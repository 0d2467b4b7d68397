import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../../src/graphql/schema.js';

/**
 * STYLE.md section 1: only `src/upstream/` knows SailPoint's HTTP (got, URLs, status codes); resolvers and
 * translators stay pure. The demo tenant is SailPoint's side and has its own HTTP server.
 */
const src = join(packageRoot(), 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__generated__' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const outsideUpstream = sources(src)
  .map((path) => relative(src, path))
  .filter((path) => !path.startsWith('upstream/') && !path.startsWith('demo-tenant/'));

it('finds the source files it checks', () => {
  expect(outsideUpstream).toContain('gateway.ts');
  expect(outsideUpstream.some((path) => path.endsWith('resolvers.ts'))).toBe(true);
});

it('imports got only in src/upstream/', () => {
  const importing = outsideUpstream.filter((path) =>
    /from\s+['"]got['"]|import\(\s*['"]got['"]\s*\)/.test(readFileSync(join(src, path), 'utf8')),
  );
  expect(importing).toEqual([]);
});

it('builds SailPoint paths only in src/upstream/', () => {
  // A SailPoint resource path in code (not in a comment) outside the upstream layer means a resolver builds URLs.
  const resource =
    /['"`]\/(?:v20\d\d\/|beta\/)?(?:workflows|workflow-executions|trigger-invocations|account-activities)\b/;
  const building = outsideUpstream.filter((path) =>
    readFileSync(join(src, path), 'utf8')
      .split('\n')
      .some((line) => !/^\s*(?:\*|\/\/)/.test(line) && resource.test(line)),
  );
  expect(building).toEqual([]);
});
