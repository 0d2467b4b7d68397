import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import type { TestGateway } from '../../helpers/gateway.js';
import { run, startGateway } from './support.js';

/** Every ```graphql block of README.md, run against the demo-mode gateway: the documentation stays correct. */
const README = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/^```graphql\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);
/** Queries are run (subscriptions need graphql-ws: test/integration/live/); schema snippets (e.g. how another subgraph extends `Identity`) only have to parse. */
const isExecutable = (source: string): boolean =>
  parse(source).definitions.every(
    (d) =>
      (d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'subscription') ||
      d.kind === Kind.FRAGMENT_DEFINITION,
  );
const OPERATIONS = BLOCKS.filter(isExecutable).map((source, i) => {
  const match = /^\s*(?:query|mutation)\s+(\w+)/m.exec(source);
  return [match?.[1] ?? `operation ${i + 1}`, source] as const;
});

/** Every list reachable in `value` (nested included), so an example that returns nothing is caught. */
function lists(value: unknown, path = 'data'): [string, unknown[]][] {
  if (Array.isArray(value)) return [[path, value], ...value.flatMap((v, i) => lists(v, `${path}[${i}]`))];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => lists(v, `${path}.${k}`));
  }
  return [];
}

let gw: TestGateway;
beforeAll(async () => {
  // The wall-clock data anchor, as `npm start` serves it (the examples' dates must work on any day).
  gw = await startGateway({ tenant: { now: Date.now() } });
});
afterAll(async () => {
  await gw.stop();
});

it('finds the example queries in README.md', () => {
  expect(OPERATIONS.map(([name]) => name)).toEqual(
    expect.arrayContaining([
      'EnabledWorkflows',
      'RecentFailures',
      'TriggerInvocations',
      'MyAccessRequests',
      'ManyActivities',
    ]),
  );
  // The other blocks are schema snippets; they must at least be valid SDL.
  for (const source of BLOCKS) expect(() => parse(source)).not.toThrow();
});

it.each(OPERATIONS)('%s returns data, no errors and non-empty lists', async (_name, source) => {
  const result = await run(gw, source);
  expect(result.errors).toEqual([]);
  expect(result.status).toBe(200);
  expect(result.data).toBeTruthy();
  const top = lists(result.data).filter(([path]) => /\.(nodes|edges)$/.test(path));
  expect(top.length).toBeGreaterThan(0);
  for (const [path, list] of top) expect({ path, empty: list.length === 0 }).toEqual({ path, empty: false });
  expect(result.upstream.length).toBeGreaterThan(0);
  expect(result.upstream.every((r) => r.status === 200 && Number(r.query.limit ?? 0) <= 250)).toBe(true);
});

it('costs what the README says: RecentFailures 2 upstream requests, ManyActivities 3 concurrent windows', async () => {
  const source = (name: string): string => OPERATIONS.find(([n]) => n === name)?.[1] ?? '';
  const failures = await run(gw, source('RecentFailures'));
  expect(failures.upstream.map((r) => r.path)).toEqual([
    '/workflows/v1',
    expect.stringMatching(/^\/workflows\/v1\/[^/]+\/executions$/),
  ]);
  const many = await run(gw, source('ManyActivities'));
  expect(many.upstream.map((r) => [r.query.offset, r.query.limit]).sort()).toEqual([
    ['0', '250'],
    ['250', '250'],
    ['500', '101'],
  ]);
});
