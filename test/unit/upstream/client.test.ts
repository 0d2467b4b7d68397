import { GatewayError } from '../../../src/core/errors.js';
import {
  HISTORY_PAGE_SIZE,
  MAX_HISTORY_EVENTS,
  SailPointClient,
  type UpstreamRequest,
  type UpstreamResult,
} from '../../../src/upstream/client.js';
import type { WorkflowExecutionEventDto } from '../../../src/upstream/types.js';

const events = (n: number): WorkflowExecutionEventDto[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'ActivityTaskCompleted',
    timestamp: `2026-01-01T00:00:00.${String(i).padStart(9, '0')}Z`,
    attributes: { i },
  }));

/**
 * An `execute` that answers the history endpoint like SailPoint: `limit` (at most 250, 250 when absent) and
 * `offset` applied to `history`, or a 404 where `answer` says so. Records every request.
 */
function historyUpstream(
  history: WorkflowExecutionEventDto[],
  answer: (request: UpstreamRequest, index: number) => UpstreamResult | undefined = () => undefined,
) {
  const requests: UpstreamRequest[] = [];
  const execute = (request: UpstreamRequest): Promise<UpstreamResult> => {
    requests.push(request);
    const override = answer(request, requests.length - 1);
    if (override !== undefined) return Promise.resolve(override);
    const limit = Math.min(250, Number(request.searchParams.limit ?? 250));
    const offset = Number(request.searchParams.offset ?? 0);
    return Promise.resolve({ found: true, body: history.slice(offset, offset + limit) });
  };
  const client = new SailPointClient(execute, 'v1');
  const pages = (): { path: string; searchParams: Record<string, string> }[] =>
    requests.map((r) => ({ path: r.endpoint.path, searchParams: r.searchParams }));
  return { client, requests, pages };
}

const page = (offset: number) => ({
  path: 'workflow-executions/v1/e1/history',
  searchParams: { limit: '250', offset: String(offset) },
});

describe('SailPointClient.getWorkflowExecutionHistory', () => {
  test.each([
    [0, [0]],
    [1, [0]],
    [249, [0]],
    // A full page cannot tell whether more follow: one more call, which comes back empty.
    [250, [0, 250]],
    [251, [0, 250]],
    // The demo tenant's longest histories are of this size (327 events for one of them).
    [327, [0, 250]],
    [500, [0, 250, 500]],
    [1234, [0, 250, 500, 750, 1000]],
  ])('%i events: all of them, in order, in pages at offsets %j', async (n, offsets) => {
    const history = events(n);
    const { client, pages, requests } = historyUpstream(history);
    expect(await client.getWorkflowExecutionHistory('e1')).toEqual(history);
    expect(pages()).toEqual(offsets.map(page));
    expect(requests.every((r) => r.notFoundIsNull)).toBe(true);
    expect(HISTORY_PAGE_SIZE).toBe(250);
  });

  test('an unknown execution is null after one call', async () => {
    const { client, pages } = historyUpstream([], () => ({ found: false }));
    expect(await client.getWorkflowExecutionHistory('e1')).toBeNull();
    expect(pages()).toEqual([page(0)]);
  });

  test('an execution archived between two pages is null, not a truncated history', async () => {
    const { client, pages } = historyUpstream(events(400), (_r, i) =>
      i === 1 ? { found: false } : undefined,
    );
    expect(await client.getWorkflowExecutionHistory('e1')).toBeNull();
    expect(pages()).toEqual([page(0), page(250)]);
  });

  test('a tenant that ignores limit and offset and sends everything: one call, every event once', async () => {
    const history = events(327);
    const { client, pages } = historyUpstream(history, () => ({ found: true, body: history }));
    expect(await client.getWorkflowExecutionHistory('e1')).toEqual(history);
    expect(pages()).toEqual([page(0)]);
  });

  test('a page longer than the limit after the first is cut to the limit', async () => {
    const history = events(600);
    const { client } = historyUpstream(history, (r) =>
      r.searchParams.offset === '250' ? { found: true, body: history.slice(250, 520) } : undefined,
    );
    expect(await client.getWorkflowExecutionHistory('e1')).toEqual(history);
  });

  test('a tenant that ignores offset (full pages forever) ends in UPSTREAM_ERROR, not a silent cut', async () => {
    const history = events(250);
    const { client, requests } = historyUpstream(history, () => ({ found: true, body: history }));
    const error = await client.getWorkflowExecutionHistory('e1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('UPSTREAM_ERROR');
    expect((error as GatewayError).message).toMatch(/more than 10000 history events/);
    expect(requests).toHaveLength(MAX_HISTORY_EVENTS / HISTORY_PAGE_SIZE);
  });

  test('a body that is not an event list is UPSTREAM_ERROR', async () => {
    const { client } = historyUpstream([], () => ({ found: true, body: { history: [] } }));
    await expect(client.getWorkflowExecutionHistory('e1')).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_ERROR' },
    });
  });

  test('an invalid id is BAD_USER_INPUT before any request', async () => {
    const { client, requests } = historyUpstream([]);
    await expect(client.getWorkflowExecutionHistory('x'.repeat(129))).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(requests).toEqual([]);
  });
});
