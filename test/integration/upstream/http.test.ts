import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { createHttp, HttpRequestError } from '../../../src/upstream/client.js';
import { closedPortUrl, json, startFake } from './setup.js';

/**
 * The plain node:http layer that replaced got: what goes on the wire, compressed bodies, and failures that carry
 * no request details (the Authorization header, the token form) in any property.
 */

const fakes: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

test('GET: prefix path kept, query encoded once by URLSearchParams, got-compatible headers', async () => {
  const fake = await startFake((_req, res) => json(res, 200, [{ id: 'ü' }], { 'x-total-count': '1' }));
  fakes.push(fake);
  const http = createHttp({ baseUrl: `${fake.url}/prefix`, timeoutMs: 1000 });
  const response = await http.send({
    method: 'GET',
    path: 'workflows/v1',
    searchParams: { filters: 'name eq "a#b"', limit: '5' },
    headers: { authorization: 'Bearer t' },
    timeoutMs: 1000,
  });
  http.close();
  expect(response).toMatchObject({ status: 200, body: '[{"id":"ü"}]' });
  expect(response.headers['x-total-count']).toBe('1');
  expect(fake.requests[0]?.url).toBe('/prefix/workflows/v1?filters=name+eq+%22a%23b%22&limit=5');
  expect(fake.requests[0]?.headers).toMatchObject({
    accept: 'application/json',
    'user-agent': 'sailpoint-graphql-gateway',
    'accept-encoding': 'gzip, deflate, br',
    authorization: 'Bearer t',
  });
});

test.each([
  ['gzip', gzipSync],
  ['deflate', deflateSync],
  ['br', brotliCompressSync],
])('a %s-encoded body is decoded', async (encoding, compress) => {
  const fake = await startFake((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
    res.end(compress(Buffer.from('[{"id":"x"}]')));
  });
  fakes.push(fake);
  const http = createHttp({ baseUrl: fake.url, timeoutMs: 1000 });
  const response = await http.send({ method: 'GET', path: 'x', timeoutMs: 1000 });
  http.close();
  expect(response.body).toBe('[{"id":"x"}]');
});

test('POST form: urlencoded body with its length', async () => {
  let received = '';
  const fake = await startFake((req, res) => {
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (received += chunk));
    req.on('end', () => json(res, 200, {}));
  });
  fakes.push(fake);
  const http = createHttp({ baseUrl: fake.url, timeoutMs: 1000 });
  await http.send({ method: 'POST', path: 'oauth/token', form: { a: '1 2', b: '&' }, timeoutMs: 1000 });
  http.close();
  expect(received).toBe('a=1+2&b=%26');
  expect(fake.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
});

test('timeout and connection refused reject with an HttpRequestError that holds no request details', async () => {
  const fake = await startFake(() => undefined); // never answers
  fakes.push(fake);
  const secret = 'Bearer eyJheader12.eyJpayload1.signature';
  const slow = createHttp({ baseUrl: fake.url, timeoutMs: 50 });
  const timedOut = await slow
    .send({
      method: 'POST',
      path: 'oauth/token',
      headers: { authorization: secret },
      form: { client_secret: 's3cr3t' },
      timeoutMs: 50,
    })
    .catch((e: unknown) => e);
  slow.close();
  const refused = createHttp({ baseUrl: await closedPortUrl(), timeoutMs: 1000 });
  const failed = await refused
    .send({ method: 'GET', path: 'x', headers: { authorization: secret }, timeoutMs: 1000 })
    .catch((e: unknown) => e);
  refused.close();
  expect(timedOut).toBeInstanceOf(HttpRequestError);
  expect(timedOut).toMatchObject({ timedOut: true });
  expect(failed).toBeInstanceOf(HttpRequestError);
  expect(failed).toMatchObject({ timedOut: false, code: 'ECONNREFUSED' });
  for (const error of [timedOut, failed]) {
    const everything = JSON.stringify({
      ...(error as object),
      message: (error as Error).message,
      stack: (error as Error).stack,
    });
    expect(everything).not.toContain('eyJheader12');
    expect(everything).not.toContain('s3cr3t');
  }
});
