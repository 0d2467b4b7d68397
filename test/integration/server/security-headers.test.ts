import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let production: TestGateway;
let development: TestGateway;
beforeAll(async () => {
  [production, development] = await Promise.all([
    startTestGateway({ env: { NODE_ENV: 'production' } }),
    startTestGateway(),
  ]);
});
afterAll(async () => {
  await Promise.all([production?.stop(), development?.stop()]);
});

describe('security headers (helmet)', () => {
  it('are on /graphql answers, health and the landing page', async () => {
    const responses = [
      (await production.query('{ __typename }')).headers,
      (await production.get('/healthz')).headers,
      (await development.get('/graphql', { accept: 'text/html' })).headers,
    ];
    for (const headers of responses) {
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
    expect((await production.get('/healthz')).headers.get('cache-control')).toBe('no-store');
  });

  it('sends a strict CSP where no Sandbox page is served, and none that would block Sandbox in development', async () => {
    const csp = (await production.get('/healthz')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    const page = await development.get('/graphql', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBeNull();
  });
});
