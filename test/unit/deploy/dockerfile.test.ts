import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const all = instructions(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const stages = all.reduce<Instruction[][]>((acc, i) => {
  if (i.keyword === 'FROM') acc.push([]);
  acc.at(-1)?.push(i);
  return acc;
}, []);
const runtime = stages.at(-1) ?? [];
const args = (stage: Instruction[], keyword: string): string[] =>
  stage.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  it('is multi-stage on node:20-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]?.args).toMatch(/^node:20-slim\b/);
  });

  it('builds with dev dependencies and ships only production ones', () => {
    const build = stages[0] ?? [];
    expect(args(build, 'RUN')).toEqual(expect.arrayContaining(['npm ci', 'npm run build']));
    expect(args(runtime, 'RUN').join(' ')).toContain('npm ci --omit=dev');
    expect(args(runtime, 'COPY')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^--from=\S+ \/app\/dist/)]),
    );
    expect(args(runtime, 'COPY')).toEqual(expect.arrayContaining(['schema ./schema']));
  });

  it('runs as the non-root node user', () => {
    const users = args(runtime, 'USER');
    expect(users.at(-1)).toBe('node');
    const userIndex = runtime.findIndex((i) => i.keyword === 'USER');
    const cmdIndex = runtime.findIndex((i) => i.keyword === 'CMD');
    expect(userIndex).toBeLessThan(cmdIndex);
  });

  it('has a HEALTHCHECK on /healthz with node fetch', () => {
    const [healthcheck] = args(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*fetch\(.*\/healthz/);
  });

  it('listens on all interfaces in the container and starts node directly, as npm start does', () => {
    expect(args(runtime, 'ENV').join(' ')).toMatch(/HOST=0\.0\.0\.0/);
    const start = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start;
    expect(start).toMatch(/^node (?:--\S+ )*dist\/index\.js$/);
    expect(args(runtime, 'CMD')).toEqual([JSON.stringify(start.split(' ')).replaceAll('","', '", "')]);
  });

  it('keeps secrets and build output out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split(/\r?\n/);
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env', '.git']));
  });

  it('has an executable CI script', () => {
    const script = join(root, '.ci/run');
    expect(existsSync(script)).toBe(true);
    expect(statSync(script).mode & 0o111).not.toBe(0);
    const text = readFileSync(script, 'utf8');
    expect(text).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(text).toContain('set -euo pipefail');
    for (const step of ['npm ci', 'npm run codegen:check', 'npm run typecheck', 'npm test']) {
      expect(text).toContain(step);
    }
  });
});
