import fc from 'fast-check';
import { parseFilter } from '../../../src/demo-tenant/filter/index.js';
import type { TestGateway } from '../../helpers/gateway.js';
import { ok, run, startGateway } from './support.js';

/**
 * Whatever a caller types into a string filter value reaches SailPoint as exactly one comparison with exactly
 * that value: the tenant's own parser (as strict as SailPoint's grammar) reads the `filters` it received back.
 */

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});

const ACTIVITIES = `query($v: String) {
  accountActivities(first: 1, filter: { type: { eq: $v } }) { nodes { id type } }
}`;
const STATUSES = `query($v: String) {
  triggerInvocationStatuses(first: 1, filter: { triggerId: { eq: $v } }) { nodes { id triggerId } }
}`;

async function sentFilter(
  query: string,
  value: string,
): Promise<{ filters: string; nodes: { type?: string | null; triggerId?: string }[] }> {
  const result = await run<Record<string, { nodes: { type?: string | null; triggerId?: string }[] }>>(
    gw,
    query,
    {
      v: value,
    },
  );
  const data = ok(result);
  expect(result.upstream).toHaveLength(1);
  expect(result.upstream[0]?.status).toBe(200);
  const nodes = Object.values(data)[0]?.nodes ?? [];
  return { filters: result.upstream[0]?.query.filters ?? '', nodes };
}

describe('string filter values cannot change the structure of the filter', () => {
  it.each([
    ['a quote and a second clause', 'x" or type eq "y'],
    ['a trailing backslash', 'abc\\'],
    ['an escaped-looking quote', 'a\\" or type pr or type eq \\"b'],
    ['parentheses and keywords', ') or (type isnull'],
    ['percent-encoding and separators', '%22 or 1 eq 1&count=true#frag+x'],
    ['unicode', 'Zürich – 東京 🚀'],
    ['the empty string', ''],
  ])('%s', async (_name, value) => {
    const { filters, nodes } = await sentFilter(ACTIVITIES, value);
    expect(parseFilter(filters)).toEqual({
      kind: 'compare',
      field: 'type',
      op: 'eq',
      value: { type: 'string', value },
    });
    expect(nodes.every((n) => n.type === value)).toBe(true);
  });

  it('still matches a real value exactly (no over-escaping)', async () => {
    const { filters, nodes } = await sentFilter(ACTIVITIES, 'Identity Refresh');
    expect(filters).toBe('type eq "Identity Refresh"');
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.type).toBe('Identity Refresh');
  });

  it('property: any string parses back to one comparison with the original value (activities and statuses)', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      // Dense in the characters that matter to the grammar.
      fc
        .array(
          fc.constantFrom('"', '\\', ' ', 'or', 'and', 'eq', '(', ')', ',', 'type', 'x', '%', '&', '#', '+'),
          {
            maxLength: 15,
          },
        )
        .map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(value, fc.boolean(), async (v, statuses) => {
        const { filters } = await sentFilter(statuses ? STATUSES : ACTIVITIES, v);
        expect(parseFilter(filters)).toEqual({
          kind: 'compare',
          field: statuses ? 'triggerId' : 'type',
          op: 'eq',
          value: { type: 'string', value: v },
        });
      }),
      { numRuns: 60 },
    );
  });

  // Found by fast-check: a lone UTF-16 surrogate cannot be encoded as UTF-8, so the query string would carry
  // U+FFFD and the filter would silently match another value.
  it('rejects a lone surrogate instead of filtering on U+FFFD', async () => {
    const result = await run(gw, ACTIVITIES, { v: 'a\ud800b' });
    expect(result.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.upstream).toEqual([]);
  });
});
