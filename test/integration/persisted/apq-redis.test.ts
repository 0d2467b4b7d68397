import { createClient } from 'redis';
import { sha256Hex } from '../../../src/graphql/persisted/manifest.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { REDIS_SKIP_REASON, redisServerBinary, startRedis, type RedisServer } from '../../helpers/redis.js';
import { apq, documentsCounted, get, post } from './support.js';

/**
 * Automatic persisted queries in the shared store: two gateways on one real redis-server, so a hash registered
 * on one replica is served by the other (Apollo alone keeps APQs in per-replica memory), with a TTL on every
 * entry and no entry for an oversized document.
 */

const available = redisServerBinary() !== null;
const describeRedis = available ? describe : describe.skip;

const QUERY = 'query ApqWorkflows { workflows(first: 2) { nodes { id name } } }';
const HASH = sha256Hex(QUERY);

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (done(value) || attempt > 200) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeRedis(available ? 'APQ across replicas' : `APQ across replicas: ${REDIS_SKIP_REASON}`, () => {
  let redis: RedisServer;
  let admin: ReturnType<typeof createClient>;
  let a: TestGateway;
  let b: TestGateway;

  beforeAll(async () => {
    const started = await startRedis();
    if (!started) throw new Error('redis-server vanished');
    redis = started;
    admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    // MAX_DOCUMENT_BYTES and MAX_BODY_BYTES raised, so the size bound of the APQ store itself is what the second test meets.
    a = await startTestGateway({
      env: {
        CACHE_URL: redis.url,
        APQ_TTL_SECONDS: '600',
        MAX_DOCUMENT_BYTES: '200000',
        MAX_BODY_BYTES: '300000',
      },
    });
    b = await startTestGateway({ env: { CACHE_URL: redis.url, APQ_TTL_SECONDS: '600' } });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    admin?.destroy();
    await redis?.stop();
  });

  it('registers a hash on one replica and serves it from the other, by POST and by GET', async () => {
    const unknown = await post(b, { extensions: apq(HASH) });
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post(a, { query: QUERY, extensions: apq(HASH) });
    expect(registered.body.errors).toBeUndefined();
    const key = `sgw:apq:${HASH}`;
    const stored = await eventually(
      () => admin.get(key),
      (v) => v !== null,
    );
    // Keyv's envelope around the document text.
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ value: QUERY });
    const ttl = await admin.pTTL(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600_000);

    const apqBefore = await documentsCounted(b, 'apq');
    const byPost = await post(b, { extensions: apq(HASH) });
    expect(byPost.body.errors).toBeUndefined();
    expect(byPost.body.data).toEqual(registered.body.data);
    const byGet = await get(b, { extensions: apq(HASH), operationName: 'ApqWorkflows' });
    expect(byGet.status).toBe(200);
    expect(byGet.body.data).toEqual(registered.body.data);
    expect(await documentsCounted(b, 'apq')).toBe(apqBefore + 2);
  });

  it('refuses a registration whose hash is not the hash of its query, and stores nothing', async () => {
    const mismatched = await post(a, { query: '{ __typename }', extensions: apq(HASH) });
    expect(mismatched.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(await admin.exists(`sgw:apq:${sha256Hex('{ __typename }')}`)).toBe(0);
  });

  it('stores no entry for a document over the size bound, which keeps working as text', async () => {
    // Comments are not tokens, so this passes MAX_TOKENS and would be registered if not for the bound.
    const big = `# ${'x'.repeat(70 * 1024)}\n{ __typename }`;
    const hash = sha256Hex(big);
    const first = await post(a, { query: big, extensions: apq(hash) });
    expect(first.body.data).toEqual({ __typename: 'Query' });
    // A small document registered after it is visible, so the big one's write (if any) would have been too.
    const marker = '{ marker: __typename }';
    await post(a, { query: marker, extensions: apq(sha256Hex(marker)) });
    await eventually(
      () => admin.get(`sgw:apq:${sha256Hex(marker)}`),
      (v) => v !== null,
    );
    expect(await admin.exists(`sgw:apq:${hash}`)).toBe(0);
    expect((await post(b, { extensions: apq(hash) })).body.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});
