// The demo tenant's paths and query strings: every path style serves the same data (legacy ones deprecated),
// unknown paths and methods are refused, and query strings are decoded exactly once.
import { PATHS, errorText, tenantGet } from '../../helpers/demo-tenant.js';
import { get, tenant, token, useTenant } from './support.js';

useTenant();

const styles = [
  ['v1', PATHS.v1],
  ['v2025', PATHS.legacy('v2025')],
  ['v2024', PATHS.legacy('v2024')],
  ['beta', PATHS.legacy('beta')],
] as const;

describe('path styles', () => {
  it.each(styles)(
    'serves the same data under %s paths; legacy ones say X-Deprecated',
    async (style, paths) => {
      const workflow = tenant.data.workflows[0]!;
      const execution = tenant.data.retainedExecutions[0]!;
      const activity = tenant.data.accountActivities[0]!;
      const responses = await Promise.all([
        get(paths.workflows),
        get(paths.workflow(workflow.id)),
        get(paths.executions(workflow.id), { limit: 3 }),
        get(paths.execution(execution.id)),
        get(paths.history(execution.id)),
        get(paths.invocations, { limit: 3 }),
        get(paths.activities, { limit: 3 }),
        get(paths.activity(activity.id)),
      ]);
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
        expect(res.headers.get('x-deprecated')).toBe(style === 'v1' ? null : 'true');
      }
      expect(responses[0]!.body).toEqual(tenant.data.workflows);
      expect(responses[1]!.body).toEqual(workflow);
      expect(responses[3]!.body).toEqual(execution);
      expect(responses[7]!.body).toEqual(activity);
    },
  );

  it('has history-v2 in v1 and v2025 only', async () => {
    const execution = tenant.data.retainedExecutions[0]!;
    expect((await get(PATHS.v1.historyV2(execution.id))).status).toBe(200);
    expect((await get(PATHS.legacy('v2025').historyV2(execution.id))).status).toBe(200);
    expect((await get(PATHS.legacy('v2024').historyV2(execution.id))).status).toBe(404);
    expect((await get(PATHS.legacy('beta').historyV2(execution.id))).status).toBe(404);
  });

  it.each([
    '/workflows',
    '/workflows/v1/',
    '/v3/workflows',
    '/WORKFLOWS/v1',
    '/v2025/workflows/v1',
    '/trigger-invocations/v1',
  ])('answers 404 ErrorResponseDto for %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      detailCode: '404 Not found',
      trackingId: expect.stringMatching(/^[0-9a-f]{32}$/),
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: expect.any(String) }],
      causes: [],
    });
  });

  it('answers 405 to other methods on data paths', async () => {
    const res = await tenantGet(tenant, '/workflows/v1', { token, method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('query string encoding', () => {
  it('decodes the query once: URL-special characters in filter strings arrive intact', async () => {
    tenant.clearRequests();
    const filters = 'type eq "a&b=c#d%e+f \\"g\\""';
    const res = await get(PATHS.v1.activities, { filters });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(tenant.requests.at(-1)?.query).toEqual({ filters });
  });

  it('reads a raw + as a space, as form decoding does: offsets must be percent-encoded', async () => {
    const busiest = tenant.data.busiestWorkflowId;
    const encoded = await get(PATHS.v1.executions(busiest), {
      filters: 'start_time ge 2026-01-01T00:00:00+02:00',
      limit: 1,
    });
    expect(encoded.status).toBe(200);
    const raw = await fetch(
      `${tenant.url}${PATHS.v1.executions(busiest)}?filters=start_time%20ge%202026-01-01T00:00:00+02:00`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(raw.status).toBe(400);
  });

  it('rejects a double-encoded filter', async () => {
    const res = await get(PATHS.v1.activities, { filters: encodeURIComponent('type eq "appRequest"') });
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toMatch(/Invalid filter at position 0/);
  });

  it('rejects repeated parameters', async () => {
    const res = await fetch(`${tenant.url}${PATHS.v1.activities}?limit=1&limit=2`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
  });
});
