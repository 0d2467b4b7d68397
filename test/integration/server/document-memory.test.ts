import { jest } from '@jest/globals';
import http from 'node:http';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * Distinct documents padded with whitespace (which no token limit counts) must not accumulate in memory: the
 * document cache is bounded by the bytes its entries retain (DOCUMENT_CACHE_BYTES), and documents over
 * MAX_DOCUMENT_BYTES are never parsed. Measured as the heap after a full GC (`--expose-gc`, set here at runtime so
 * jest needs no flag), not timed.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const MiB = 1024 * 1024;
const COUNT = 2000;
/** Requests before the baseline, so lazily compiled code and first allocations are not counted as growth. */
const WARM_UP = 200;

/** A distinct document of `bytes` bytes: `{ __typename <spaces> a<i>: __typename }`. */
function document(i: number, bytes: number): string {
  const tail = ` a${i}: __typename }`;
  return `{ __typename${' '.repeat(bytes - 12 - tail.length)}${tail}`;
}

/** POSTs one body on a keep-alive agent (node:http: cheaper per request than fetch, and 2,000 are sent). */
function post(url: string, agent: http.Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `count` distinct documents of `bytes` bytes, 8 at a time; returns the statuses seen. */
async function sendDistinct(gw: TestGateway, bytes: number, count = COUNT): Promise<Set<number>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const statuses = new Set<number>();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < count) {
          const i = next++;
          statuses.add(await post(gw.url, agent, JSON.stringify({ query: document(i, bytes) })));
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return statuses;
}

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

jest.setTimeout(120_000);

describe('memory under distinct large documents', () => {
  it('2,000 distinct documents of 32 KB that are accepted leave the heap within the document cache bound', async () => {
    // Each document is parsed, validated and cached: 64 MB of source alone if all were kept.
    gw = await startTestGateway({ logLevel: 'warn', env: { DOCUMENT_CACHE_BYTES: String(4 * MiB) } });
    await sendDistinct(gw, 1000, WARM_UP);
    const baseline = heapAfterGc();
    const statuses = await sendDistinct(gw, 32 * 1024);
    expect([...statuses]).toEqual([200]);
    // 4 MiB of cache plus slack for the process's own churn (with the cache unbounded the heap grew ~70 MiB).
    expect(heapAfterGc() - baseline).toBeLessThan(4 * MiB + 12 * MiB);
  });

  it('2,000 distinct documents over MAX_DOCUMENT_BYTES are refused unparsed and leave nothing behind', async () => {
    gw = await startTestGateway({ logLevel: 'warn' });
    await sendDistinct(gw, 1000, WARM_UP);
    const baseline = heapAfterGc();
    const statuses = await sendDistinct(gw, 48 * 1024);
    expect([...statuses]).toEqual([413]);
    expect(heapAfterGc() - baseline).toBeLessThan(12 * MiB);
  });
});
