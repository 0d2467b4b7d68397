import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../../src/config/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}

// `merge: true` resolves the `<<: *gateway` keys the way Docker Compose does.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const gateways = ['gateway-1', 'gateway-2'] as const;

function service(name: string): Service {
  const s = services[name];
  if (s === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
}

describe('docker-compose.yml', () => {
  it('runs Redis, the demo tenant and two gateway replicas', () => {
    expect(Object.keys(services).sort()).toEqual(['demo-tenant', 'gateway-1', 'gateway-2', 'redis']);
    expect(service('redis').image).toBe('redis:7-alpine');
  });

  it('gives every service a healthcheck', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, test: s.healthcheck?.test?.[0] }).toEqual({ name, test: 'CMD' });
    }
    expect(service('redis').healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const name of gateways) expect(service(name).healthcheck?.test?.join(' ')).toContain('/healthz');
  });

  it('publishes the replicas on 4001 and 4002', () => {
    expect(service('gateway-1').ports).toEqual(['4001:4000']);
    expect(service('gateway-2').ports).toEqual(['4002:4000']);
  });

  it('starts the gateways once Redis and the tenant are healthy', () => {
    for (const name of gateways) {
      expect(service(name).depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        'demo-tenant': { condition: 'service_healthy' },
      });
    }
  });

  it('runs the demo tenant from the same image on 0.0.0.0:7100', () => {
    const tenant = service('demo-tenant');
    expect(tenant.image).toBe(service('gateway-1').image);
    expect(tenant.command).toEqual(['node', 'dist/demo-tenant/main.js']);
    expect(tenant.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '7100' });
  });

  it('points both replicas at the shared Redis and the demo tenant in service mode', () => {
    for (const name of gateways) {
      const env = service(name).environment ?? {};
      expect(env.CACHE_URL).toBe('redis://redis:6379');
      expect(env.SAILPOINT_BASE_URL).toBe(`http://demo-tenant:${service('demo-tenant').environment?.PORT}`);
      expect(env.HOST).toBe('0.0.0.0');
      const config = loadConfig(env);
      expect(config.mode).toBe('service');
      expect(String(config.port)).toBe(service(name).ports?.[0]?.split(':')[1]);
    }
  });

  it('pins the demo tenant seed, which derives the client credentials the gateways use', () => {
    // test/integration/server/compose.test.ts starts a tenant with this seed and compares the credentials.
    expect(service('demo-tenant').environment?.DEMO_TENANT_SEED).toMatch(/^\d+$/);
    for (const name of gateways) {
      const env = service(name).environment ?? {};
      expect(env.SAILPOINT_CLIENT_ID).toBe(service('gateway-1').environment?.SAILPOINT_CLIENT_ID);
      expect(env.SAILPOINT_CLIENT_SECRET).toBe(service('gateway-1').environment?.SAILPOINT_CLIENT_SECRET);
    }
  });

  it('sets only variables the demo tenant reads (src/demo-tenant/main.ts)', () => {
    expect(Object.keys(service('demo-tenant').environment ?? {}).sort()).toEqual([
      'DEMO_TENANT_SEED',
      'HOST',
      'PORT',
    ]);
  });

  it('sets only variables the gateway reads', () => {
    const known = new Set<string>(CONFIG_VARIABLES);
    for (const name of gateways) {
      const unknown = Object.keys(service(name).environment ?? {}).filter((v) => !known.has(v));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });
});
