import { startDemoTenant, type DemoTenant } from '../../../src/demo-tenant/index.js';
import { createUpstream } from '../../../src/upstream/index.js';
import { callContext, memoryLogger, recordingMetrics } from '../../unit/upstream/fakes.js';
import { closedPortUrl, upstreamConfig } from '../upstream/setup.js';

/**
 * CACHE_URL points at a Redis that never answers (nothing listens on the port). Needs no redis-server: the
 * gateway must serve every call from SailPoint, report the cache as degraded, and log the outage once.
 */

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
});
afterAll(async () => {
  await tenant.stop();
});

test('a Redis that is down from the start is never a dependency', async () => {
  const redisUrl = (await closedPortUrl()).replace('http://', 'redis://');
  const log = memoryLogger();
  const metrics = recordingMetrics();
  const upstream = createUpstream(
    // A 5 s command timeout: waiting on Redis at all would take longer than the bound below.
    upstreamConfig(tenant.url, {
      cache: { url: redisUrl, ttlSeconds: 10, workflowTtlSeconds: 60, commandTimeoutMs: 5000 },
    }),
    { logger: log.logger, metrics },
  );
  try {
    // Redis is imported lazily; a server awaits this before listening, so the first call is not timed with the
    // (ts-jest compiled) import.
    await upstream.started();
    const token = tenant.issueToken(tenant.addClient().clientId);
    for (let i = 0; i < 3; i++) {
      const call = callContext();
      const started = Date.now();
      expect(await upstream.forCaller({ kind: 'bearer', token }, call).listWorkflows()).toHaveLength(
        tenant.data.workflows.length,
      );
      expect(call.stats).toMatchObject({ requests: 1, cacheHits: 0 });
      expect(Date.now() - started).toBeLessThan(2500);
      // Let a few reconnect attempts fail in between.
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(upstream.health()).toEqual({ cache: 'degraded' });
    const warnings = log.records().filter((r) => r.level === 'warn');
    expect(warnings.filter((r) => r.msg.startsWith('cache redis unavailable'))).toHaveLength(1);
    expect(log.text()).not.toContain(token);
  } finally {
    await upstream.close();
  }
});
