import { ConfigError } from '../../../src/config/index.js';
import { main, type Running } from '../../../src/main.js';
import { memoryLogger } from '../../helpers/gateway.js';

/** `npm start` without the process: `main(env)` is what src/index.ts runs with process.env. */

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('main', () => {
  it('without SAILPOINT_BASE_URL serves the embedded demo tenant to anonymous callers, and says so once', async () => {
    const { logger, lines } = memoryLogger('info');
    running = await main({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' }, { logger });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ workflows(first: 2) { totalCount nodes { id name } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data?: { workflows: { totalCount: number; nodes: unknown[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflows.nodes).toHaveLength(2);
    expect(body.data?.workflows.totalCount).toBeGreaterThan(2);

    const logs = lines.map((l) => JSON.parse(l) as { msg: string; demoTenantUrl?: string; mode?: string });
    const demo = logs.filter((l) => /demo mode/i.test(l.msg));
    expect(demo).toHaveLength(1);
    expect(demo[0]?.demoTenantUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: `gateway ready at ${running.url}`, mode: 'demo' }),
    );

    await running.stop();
    await expect(fetch(running.url, { method: 'POST' })).rejects.toThrow();
    // Stopping twice is harmless.
    await running.stop();
  });

  it('rejects an invalid environment with one message naming every invalid variable, starting nothing', async () => {
    const { logger, lines } = memoryLogger('debug');
    const attempt = main({ PORT: 'abc', UPSTREAM_RATE_LIMIT: 'fast', HOST: '127.0.0.1' }, { logger });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    expect(error.message).toMatch(/PORT: expected a whole number, got "abc"/);
    expect(error.message).toMatch(/UPSTREAM_RATE_LIMIT: .*got "fast"/);
    expect(error.problems).toHaveLength(2);
    expect(lines).toEqual([]);
  });
});
