import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startDemoTenant } from '../../../src/demo-tenant/index.js';

// docker-compose.yml configures the gateways with the demo client of the tenant it starts; the tenant derives
// that client from its seed. Starting a tenant with the same seed proves the pair still matches.

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string> }>;
};

it("gives the gateways the demo tenant's credentials for its seed", async () => {
  const seed = Number(compose.services['demo-tenant']?.environment?.DEMO_TENANT_SEED);
  const tenant = await startDemoTenant({ port: 0, host: '127.0.0.1', seed });
  try {
    for (const name of ['gateway-1', 'gateway-2']) {
      const env = compose.services[name]?.environment ?? {};
      expect({ name, clientId: env.SAILPOINT_CLIENT_ID, clientSecret: env.SAILPOINT_CLIENT_SECRET }).toEqual({
        name,
        ...tenant.credentials,
      });
    }
  } finally {
    await tenant.stop();
  }
});
