import { GatewayError } from '../../../src/core/errors.js';
import { createUpstream } from '../../../src/upstream/index.js';
import type { UpstreamConfig } from '../../../src/upstream/config.js';
import type { Upstream } from '../../../src/upstream/types.js';
import { callContext, memoryLogger, recordingMetrics, silentLogger } from '../../unit/upstream/fakes.js';
import { json, startFake, upstreamConfig } from './setup.js';

/**
 * Responses the demo tenant cannot give, from a hand-written node:http fake: quirk Q1 arrays, proxy HTML pages,
 * redirects, echoed credentials, HTTP-date Retry-After, a short token lifetime.
 */

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function fake(handler: Parameters<typeof startFake>[0]) {
  const server = await startFake(handler);
  stops.push(server.stop);
  return server;
}

function upstreamFor(
  url: string,
  overrides: Partial<UpstreamConfig> = {},
  logger = silentLogger(),
): Upstream {
  const upstream = createUpstream(upstreamConfig(url, overrides), { logger, metrics: recordingMetrics() });
  stops.push(() => upstream.close());
  return upstream;
}

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYWxsZXIifQ.c2lnbmF0dXJlLXZhbHVl';

test('quirk Q1: a one-element array body for a single execution is accepted', async () => {
  const server = await fake((_req, res) => json(res, 200, [{ id: 'e1', status: 'Executing' }]));
  const client = upstreamFor(server.url).forCaller({ kind: 'bearer', token: TOKEN }, callContext());
  expect(await client.getWorkflowExecution('e1')).toEqual({ id: 'e1', status: 'Executing' });
  expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
});

test('an HTML error page from a proxy becomes UPSTREAM_ERROR without the page in the message', async () => {
  const server = await fake((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body>nginx internal details</body></html>');
  });
  const call = callContext();
  const error = (await upstreamFor(server.url, { maxRetries: 1 })
    .forCaller({ kind: 'bearer', token: TOKEN }, call)
    .listWorkflows()
    .catch((e: unknown) => e)) as GatewayError;
  expect(error).toBeInstanceOf(GatewayError);
  expect(error.code).toBe('UPSTREAM_ERROR');
  expect(error.message).toBe('SailPoint failed to answer (HTTP 502) after 2 attempts');
  expect(call.stats.requests).toBe(2);
});

test('an echoed token in an error body is scrubbed from the message and the logs', async () => {
  const server = await fake((req, res) =>
    json(res, 400, {
      detailCode: '400.1 Bad Request Content',
      trackingId: 'abc123',
      messages: [{ text: `Cannot use header ${String(req.headers.authorization)} here` }],
    }),
  );
  const log = memoryLogger();
  const error = (await upstreamFor(server.url, {}, log.logger)
    .forCaller({ kind: 'bearer', token: TOKEN }, callContext({ logger: log.logger }))
    .listWorkflows()
    .catch((e: unknown) => e)) as GatewayError;
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.message).toBe('SailPoint rejected the request: Cannot use header Bearer [redacted] here');
  expect(log.text()).not.toContain(TOKEN);
});

test('redirects are not followed, so the Authorization header never leaves for another host', async () => {
  const elsewhere = await fake((_req, res) => json(res, 200, []));
  const server = await fake((_req, res) => {
    res.writeHead(302, { location: `${elsewhere.url}/workflows/v1` });
    res.end();
  });
  await expect(
    upstreamFor(server.url).forCaller({ kind: 'bearer', token: TOKEN }, callContext()).listWorkflows(),
  ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', extensions: { upstreamStatus: 302 } });
  expect(elsewhere.requests).toHaveLength(0);
});

test('an empty 200 body is UPSTREAM_ERROR, not a crash', async () => {
  const server = await fake((_req, res) => {
    res.writeHead(200);
    res.end();
  });
  await expect(
    upstreamFor(server.url).forCaller({ kind: 'bearer', token: TOKEN }, callContext()).listWorkflows(),
  ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
});

test('Retry-After as an HTTP-date is honoured', async () => {
  let calls = 0;
  const server = await fake((_req, res) => {
    calls += 1;
    if (calls === 1) {
      // HTTP-dates have one-second resolution: two seconds ahead is at least one second of wait.
      json(
        res,
        429,
        { message: 'Rate Limit Exceeded' },
        { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
      );
    } else {
      json(res, 200, []);
    }
  });
  const started = Date.now();
  const call = callContext();
  await upstreamFor(server.url).forCaller({ kind: 'bearer', token: TOKEN }, call).listWorkflows();
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  expect(call.stats.requests).toBe(2);
});

test('service token: form-encoded client credentials, refreshed before expiry', async () => {
  const tokenRequests: string[] = [];
  let issued = 0;
  const server = await fake((req, res) => {
    if (req.url === '/oauth/token') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        tokenRequests.push(`${String(req.headers['content-type'])} ${body}`);
        issued += 1;
        // 2 s lifetime: the 10% margin makes the gateway fetch a new one after 1.8 s.
        json(res, 200, { access_token: `service-token-${issued}`, token_type: 'bearer', expires_in: 2 });
      });
      return;
    }
    json(res, 200, [{ id: String(req.headers.authorization) }]);
  });
  const upstream = upstreamFor(server.url, {
    auth: { mode: 'service', clientId: 'client-1', clientSecret: 's3cret-value-0001' },
    cache: { ttlSeconds: 0, workflowTtlSeconds: 0 },
  });
  const first = await upstream.forCaller({ kind: 'service', apiKey: 'k' }, callContext()).listWorkflows();
  expect(first).toEqual([{ id: 'Bearer service-token-1' }]);
  await new Promise((resolve) => setTimeout(resolve, 1900));
  const second = await upstream.forCaller({ kind: 'anonymous' }, callContext()).listWorkflows();
  expect(second).toEqual([{ id: 'Bearer service-token-2' }]);
  expect(tokenRequests).toEqual([
    'application/x-www-form-urlencoded grant_type=client_credentials&client_id=client-1&client_secret=s3cret-value-0001',
    'application/x-www-form-urlencoded grant_type=client_credentials&client_id=client-1&client_secret=s3cret-value-0001',
  ]);
});

test('a base URL with a path prefix keeps it', async () => {
  const server = await fake((_req, res) => json(res, 200, []));
  await upstreamFor(`${server.url}/tenant-a`, { apiPaths: 'v2024' })
    .forCaller({ kind: 'bearer', token: TOKEN }, callContext())
    .listAccountActivities({ offset: 0, limit: 5, regardingIdentity: 'me' });
  expect(server.requests[0]?.url).toBe(
    '/tenant-a/v2024/account-activities?limit=5&offset=0&regarding-identity=me',
  );
});
