import type http from 'node:http';
import type { AddressInfo } from 'node:net';

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens on `host:port` (0 = a free port) and returns the origin clients use, e.g. `http://127.0.0.1:4000`. */
export async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${hostForUrl(host)}:${address.port}`;
}
