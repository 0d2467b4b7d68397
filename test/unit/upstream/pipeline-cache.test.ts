// The pipeline's cache: hits and misses, per-credential entries, noCache, TTLs, what is cached (404 of a by-id
// lookup, not errors), the stored entry format, and cache writes that never hold up or fail a response.
import { decodeEntry, encodeEntry } from '../../../src/upstream/cache-entry.js';
import { memoryLogger, ok, pipelineHarness as harness, status } from './fakes.js';

describe('pipeline: caching', () => {
  test('a second identical call is a cache hit; stats and metrics say so', async () => {
    const h = harness(() => ok([{ id: 'w1' }]));
    const first = h.call();
    const second = h.call();
    expect(await h.client(first).listWorkflows()).toEqual([{ id: 'w1' }]);
    expect(await h.client(second).listWorkflows()).toEqual([{ id: 'w1' }]);
    expect(h.sent).toHaveLength(1);
    expect(first.stats).toMatchObject({ requests: 1, cacheHits: 0, coalesced: 0 });
    expect(second.stats).toMatchObject({ requests: 0, cacheHits: 1, coalesced: 0 });
    expect(h.metrics.caches).toEqual(['miss', 'hit']);
    expect(h.metrics.requests).toEqual([{ endpoint: 'GET /workflows/v1', status: 200 }]);
  });

  test('a mutated result does not change the cached copy', async () => {
    const h = harness(() => ok([{ id: 'w1', name: 'original' }]));
    const list = await h.client(h.call()).listWorkflows();
    (list[0] as { name: string }).name = 'mutated';
    expect((await h.client(h.call()).listWorkflows())[0]?.name).toBe('original');
  });

  test('callers with different credentials never share entries', async () => {
    const h = harness((request) => ok([{ id: request.authorization }]));
    const a = await h.client(h.call(), 'token-a').listWorkflows();
    const b = await h.client(h.call(), 'token-b').listWorkflows();
    expect(a).toEqual([{ id: 'Bearer token-a' }]);
    expect(b).toEqual([{ id: 'Bearer token-b' }]);
    expect(h.sent).toHaveLength(2);
  });

  test('noCache skips the read but refreshes the entry', async () => {
    let version = 0;
    const h = harness(() => ok([{ id: `v${++version}` }]));
    await h.client(h.call()).listWorkflows();
    const fresh = h.call({ noCache: true });
    expect(await h.client(fresh).listWorkflows()).toEqual([{ id: 'v2' }]);
    expect(fresh.stats.cacheHits).toBe(0);
    expect(await h.client(h.call()).listWorkflows()).toEqual([{ id: 'v2' }]);
    expect(h.sent).toHaveLength(2);
  });

  test('TTL: workflow definitions get workflowTtlSeconds, everything else ttlSeconds', async () => {
    const h = harness(() => ok([]));
    const writes: [string, number][] = [];
    const store = h.deps.store;
    h.deps.store = {
      ...store,
      set: async (key, value, ttlMs) => (writes.push([key, ttlMs]), store.set(key, value, ttlMs)),
    };
    await h.client(h.call()).listWorkflows();
    await h.client(h.call()).listWorkflowExecutions('w1', { offset: 0, limit: 10 });
    expect(writes.map(([, ttl]) => ttl)).toEqual([60_000, 10_000]);
    h.deps.transport = async () => status(404);
    await h.client(h.call()).getWorkflow('new-workflow');
    expect(writes.at(-1)?.[1]).toBe(10_000);
    expect(writes.every(([key]) => key.startsWith('sgw:cache:'))).toBe(true);
  });

  test('404 of a by-id lookup is null and is cached; errors are not cached', async () => {
    const h = harness((_request, index) =>
      index === 0 ? status(404) : status(400, { messages: [{ text: 'bad' }] }),
    );
    expect(await h.client(h.call()).getWorkflow('missing')).toBeNull();
    expect(await h.client(h.call()).getWorkflow('missing')).toBeNull();
    expect(h.sent).toHaveLength(1);
    const query = { offset: 0, limit: 10, filters: 'x' };
    await expect(h.client(h.call()).listTriggerInvocationStatuses(query)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(h.client(h.call()).listTriggerInvocationStatuses(query)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(h.sent).toHaveLength(3);
  });
});

describe('pipeline: cache entries', () => {
  test('the response text is stored as received, with totalCount; hits parse it', async () => {
    const text = '[ {"id":"t1"} ]';
    const h = harness(() => ({
      kind: 'response',
      status: 200,
      headers: { 'x-total-count': '7' },
      body: text,
    }));
    const stored: string[] = [];
    const store = h.deps.store;
    h.deps.store = {
      ...store,
      set: (key, value, ttlMs) => (stored.push(value), store.set(key, value, ttlMs)),
    };
    const query = { offset: 0, limit: 1 };
    expect(await h.client(h.call()).listTriggerInvocationStatuses(query)).toEqual({
      items: [{ id: 't1' }],
      totalCount: 7,
    });
    expect(stored).toEqual([`v2\nF7\n${text}`]);
    expect(await h.client(h.call()).listTriggerInvocationStatuses(query)).toEqual({
      items: [{ id: 't1' }],
      totalCount: 7,
    });
    expect(h.sent).toHaveLength(1);
  });

  test('encode/decode round trip; anything else is a miss', () => {
    expect(decodeEntry(encodeEntry({ found: true, body: [1], text: '[1]' }))).toEqual({
      found: true,
      body: [1],
    });
    expect(decodeEntry(encodeEntry({ found: true, body: {}, text: '{}', totalCount: 0 }))).toEqual({
      found: true,
      body: {},
      totalCount: 0,
    });
    expect(decodeEntry(encodeEntry({ found: false }))).toEqual({ found: false });
    for (const entry of ['', 'v2', 'v2\nF', 'v2\nFx\n[]', 'v2\nF1\n{', 'v2\nX\n', '{"value":{"v":1}}'])
      expect(decodeEntry(entry)).toBeUndefined();
  });

  test('the response does not wait for the cache write, and a write failure is only logged', async () => {
    const h = harness(() => ok([{ id: 'w1' }]));
    let finish: () => void = () => undefined;
    const store = h.deps.store;
    h.deps.store = {
      ...store,
      set: (key, value, ttlMs) => {
        void store.set(key, value, ttlMs);
        return new Promise<void>((resolve) => (finish = resolve));
      },
    };
    // Resolves although the write never completes; the entry was written before the response.
    expect(await h.client(h.call()).listWorkflows()).toEqual([{ id: 'w1' }]);
    finish();
    const hit = h.call();
    await h.client(hit).listWorkflows();
    expect(hit.stats.cacheHits).toBe(1);

    h.deps.store = { ...store, get: async () => undefined, set: () => Promise.reject(new Error('bug')) };
    const log = memoryLogger();
    expect(await h.client(h.call({ logger: log.logger })).listWorkflows()).toEqual([{ id: 'w1' }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      log
        .records()
        .filter((r) => r.level === 'warn')
        .map((r) => r.msg),
    ).toEqual(['cache write failed']);
  });
});
