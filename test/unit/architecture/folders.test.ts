import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../../src/graphql/schema.js';

/**
 * A newcomer finds any behaviour in one obvious place (README "Architecture"): every folder under src/ has a
 * main file whose leading comment says what the folder owns and names each of its files and subfolders, and
 * no hand-written file is so long that it cannot be read in one sitting.
 */
const root = packageRoot();
const src = join(root, 'src');

/** The main file of each folder under src/ (the composition root's folder, src/ itself, is the README's table). */
const MAIN_FILES: Readonly<Record<string, string>> = {
  __generated__: 'resolvers-types.ts',
  'account-activities': 'resolvers.ts',
  cache: 'store.ts',
  config: 'index.ts',
  core: 'errors.ts',
  'demo-tenant': 'index.ts',
  'demo-tenant/data': 'types.ts',
  'demo-tenant/data/catalog': 'index.ts',
  'demo-tenant/data/seed': 'index.ts',
  'demo-tenant/filter': 'index.ts',
  'demo-tenant/http': 'data-endpoint.ts',
  graphql: 'server.ts',
  'graphql/limits': 'index.ts',
  'graphql/persisted': 'resolve.ts',
  'graphql/plugins': 'operation.ts',
  http: 'app.ts',
  live: 'index.ts',
  observability: 'metrics.ts',
  pagination: 'connection.ts',
  tools: 'print-schema.ts',
  'trigger-invocations': 'resolvers.ts',
  upstream: 'index.ts',
  workflows: 'resolvers.ts',
};

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return [relative(src, path), ...folders(path)];
    });
}

/** The block comments a file starts with (a generated file opens with a lint directive first), or null. */
function leadingComment(path: string): string | null {
  const match = /^(?:\s*\/\*[\s\S]*?\*\/)+/.exec(readFileSync(path, 'utf8'));
  return match === null ? null : match[0];
}

const everyFolder = folders(src);

it('names a main file for every folder under src/', () => {
  expect(everyFolder.length).toBeGreaterThan(15);
  expect(everyFolder.filter((folder) => MAIN_FILES[folder] === undefined)).toEqual([]);
  expect(Object.keys(MAIN_FILES).filter((folder) => !everyFolder.includes(folder))).toEqual([]);
});

it.each(Object.entries(MAIN_FILES))(
  'src/%s/%s starts with a header that names every file of its folder',
  (folder, main) => {
    const header = leadingComment(join(src, folder, main));
    expect(header).not.toBeNull();
    expect(header!.length).toBeGreaterThan(80);
    const entries = readdirSync(join(src, folder), { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? entry.name : entry.name.replace(/\.ts$/, '')))
      .filter((name) => name !== main.replace(/\.ts$/, ''));
    expect(entries.filter((name) => !header!.includes(name))).toEqual([]);
  },
);

/** No hand-written file over this many lines, so each one reads in a sitting. */
const MAX_LINES = 300;

/** Every hand-written file of the project's code, tests, benchmark and SDL (generated code and data exempt). */
function handWritten(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__generated__' ? [] : handWritten(path);
    return /\.(?:ts|graphql)$/.test(entry.name) ? [path] : [];
  });
}

it(`keeps every hand-written file of src/, test/, bench/ and schema/ at ${MAX_LINES} lines or fewer`, () => {
  const everyFile = ['src', 'test', 'bench', 'schema'].flatMap((dir) => handWritten(join(root, dir)));
  expect(everyFile.length).toBeGreaterThan(200);
  const long = everyFile
    .map((path) => ({ file: relative(root, path), lines: readFileSync(path, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(long).toEqual([]);
});
