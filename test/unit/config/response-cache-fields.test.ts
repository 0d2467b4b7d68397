import fc from 'fast-check';
import { loadConfig } from '../../../src/config/index.js';
import { MAX_RESPONSE_CACHE_SECONDS, parseResponseCacheFields } from '../../../src/config/parse.js';

test('unset or empty caches nothing', () => {
  expect(loadConfig({}).responseCache.fields).toEqual({});
  expect(loadConfig({ RESPONSE_CACHE_FIELDS: '' }).responseCache.fields).toEqual({});
});

test('Query.<field>=<seconds>, comma-separated, spaces allowed', () => {
  expect(
    loadConfig({ RESPONSE_CACHE_FIELDS: 'Query.workflows=30, Query.accountActivities = 5' }).responseCache,
  ).toEqual({ fields: { 'Query.workflows': 30, 'Query.accountActivities': 5 } });
});

test.each([
  'workflows=30',
  'Workflow.executions=30',
  'Query.workflows',
  'Query.workflows=0',
  `Query.workflows=${MAX_RESPONSE_CACHE_SECONDS + 1}`,
  'Query.workflows=1.5',
  'Query.work-flows=3',
])('%s is a configuration error naming the variable', (raw) => {
  expect(() => loadConfig({ RESPONSE_CACHE_FIELDS: raw })).toThrow(
    /RESPONSE_CACHE_FIELDS: expected Query\.<field>/,
  );
});

test('every well-formed list parses to exactly its entries (the last of a repeated field wins)', () => {
  const name = fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,20}$/);
  const seconds = fc.integer({ min: 1, max: MAX_RESPONSE_CACHE_SECONDS });
  fc.assert(
    fc.property(fc.array(fc.tuple(name, seconds), { maxLength: 8 }), (entries) => {
      const problems: string[] = [];
      const parsed = parseResponseCacheFields(entries.map(([n, s]) => `Query.${n}=${s}`).join(','), problems);
      expect(problems).toEqual([]);
      expect(parsed).toEqual(Object.fromEntries(entries.map(([n, s]) => [`Query.${n}`, s])));
    }),
  );
});
