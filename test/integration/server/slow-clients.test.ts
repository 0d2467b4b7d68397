import net from 'node:net';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * Real stalled sockets against the HTTP limits: a client that stops sending headers or body is disconnected by
 * the header and request timeouts, bodies in flight never exceed MAX_BUFFERED_BODY_BYTES (the rest are refused
 * with 503 SERVER_BUSY at once), connections past HTTP_MAX_CONNECTIONS are closed, and the gateway keeps
 * answering ordinary queries throughout. No timing is asserted: each socket is awaited until the server closes it.
 */

let gw: TestGateway;
let few: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({
    logLevel: 'warn',
    env: {
      HTTP_HEADERS_TIMEOUT_MS: '500',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
      MAX_BODY_BYTES: String(64 * 1024),
      MAX_BUFFERED_BODY_BYTES: '1000000',
    },
  });
  // Default timeouts: an idle connection lives for seconds, so only the connection limit can close one at once.
  few = await startTestGateway({ logLevel: 'warn', env: { HTTP_MAX_CONNECTIONS: '20' } });
});
afterAll(async () => {
  await Promise.all([gw?.stop(), few?.stop()]);
});

interface Stalled {
  socket: net.Socket;
  /** Everything the server wrote before it closed the socket. */
  closed: Promise<string>;
}

/** Connects and writes `data`, then sends nothing more. */
async function stall(data: string, target: TestGateway = gw): Promise<Stalled> {
  const { port } = new URL(target.origin);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const closed = new Promise<string>((resolve) => {
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(received));
  });
  if (data !== '') socket.write(data);
  return { socket, closed };
}

const headers = (contentLength: number): string =>
  `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
  `Content-Length: ${contentLength}\r\n\r\n`;

/** A body that is JSON up to wherever it is cut. */
const bodyPrefix = (bytes: number): string => `{"query":"{ __typename }","x":"${'a'.repeat(bytes - 32)}`;

const statusOf = (response: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

async function stillServes(target: TestGateway = gw): Promise<void> {
  const { status, body } = await target.query('{ __typename }');
  expect(status).toBe(200);
  expect(body.data).toEqual({ __typename: 'Query' });
}

describe('slow and stalled clients', () => {
  it('closes a connection whose headers stop half way (HTTP_HEADERS_TIMEOUT_MS)', async () => {
    const client = await stall('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty');
    const response = await client.closed;
    expect([0, 408]).toContain(statusOf(response));
    await stillServes();
  });

  it('closes a connection whose body stops half way (HTTP_REQUEST_TIMEOUT_MS)', async () => {
    const client = await stall(headers(60_000) + bodyPrefix(30_000));
    expect(statusOf(await client.closed)).toBe(408);
    await stillServes();
  });

  it('refuses a declared body over MAX_BODY_BYTES at once with 413 PAYLOAD_TOO_LARGE, unread, and closes', async () => {
    const client = await stall(headers(10 * 1024 * 1024) + bodyPrefix(1000));
    const response = await client.closed;
    expect(statusOf(response)).toBe(413);
    expect(response).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  it('holds at most MAX_BUFFERED_BODY_BYTES of stalled bodies: the rest get 503 SERVER_BUSY and are closed', async () => {
    // 40 clients each declare 64 KiB and send 60 KB of it: 15 fit the 1 MB budget, leaving 16 KB for others.
    const clients: Stalled[] = [];
    for (let i = 0; i < 40; i++) clients.push(await stall(headers(64 * 1024) + bodyPrefix(60_000)));
    // An ordinary small query still fits beside them.
    await stillServes();
    const responses = await Promise.all(clients.map((c) => c.closed));
    const statuses = responses.map(statusOf);
    expect(statuses.filter((s) => s === 503)).toHaveLength(25);
    expect(statuses.filter((s) => s === 408)).toHaveLength(15);
    const busy = responses.find((r) => statusOf(r) === 503) ?? '';
    expect(busy).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(busy).toContain('"code":"SERVER_BUSY"');
    // Every reservation was returned when the stalled sockets were closed: a full-size body fits again.
    const full = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { x: 'a'.repeat(60_000) } }),
    });
    expect(full.status).toBe(200);
  });

  it('closes connections past HTTP_MAX_CONNECTIONS as they arrive and keeps serving the others', async () => {
    const open: Stalled[] = [];
    for (let i = 0; i < 20; i++) open.push(await stall('', few));
    const extra = await stall('', few);
    expect(await extra.closed).toBe('');
    // The 20 within the limit are still connected (an idle one would live until the 10 s header timeout).
    expect(open.filter((c) => c.socket.readyState === 'open')).toHaveLength(20);
    for (const client of open) client.socket.destroy();
    await Promise.all(open.map((c) => c.closed));
    await stillServes(few);
  });
});
