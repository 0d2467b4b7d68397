import { Coalescer } from '../../../src/cache/coalesce.js';
import { FairPacer } from '../../../src/cache/fair.js';
import { createMemoryLimiter, type Limiter } from '../../../src/cache/pacer.js';
import { createMemoryStore } from '../../../src/cache/store.js';
import type { CallerAuth } from '../../../src/upstream/auth.js';
import { SailPointClient } from '../../../src/upstream/client.js';
import type { AttemptResult, Transport } from '../../../src/upstream/http.js';
import { createExecutor, type PipelineDeps } from '../../../src/upstream/pipeline.js';
import { callContext, recordingMetrics, virtualClock } from '../upstream/fakes.js';

/**
 * How the pipeline drives the pacer: every attempt takes a slot held as in flight until the call could be over
 * (deadline + timeout), and completes it when the response is in, so the next slot is judged from the response
 * time rather than the admission time. Virtual clock: the transport "takes" time by advancing it.
 */

const ok: AttemptResult = { kind: 'response', status: 200, headers: {}, body: '[]' };

function harness(
  transport: Transport,
  options: { limiter?: Limiter; auth?: CallerAuth; clock?: ReturnType<typeof virtualClock> } = {},
) {
  const clock = options.clock ?? virtualClock(0);
  const metrics = recordingMetrics();
  const limiter = options.limiter ?? createMemoryLimiter({ limit: 1, windowMs: 1000 }, clock.now);
  const deps: PipelineDeps = {
    config: {
      baseUrl: 'https://tenant.example',
      timeoutMs: 2000,
      maxRetries: 2,
      cache: { ttlSeconds: 10, workflowTtlSeconds: 60 },
    },
    store: createMemoryStore(),
    coalescer: new Coalescer(),
    pacer: new FairPacer(limiter, clock, {
      limit: 100,
      callerConcurrency: Number.POSITIVE_INFINITY,
      callerSharePercent: 100,
    }),
    transport,
    metrics,
    clock,
  };
  const auth: CallerAuth = options.auth ?? {
    authorization: async () => 'Bearer t',
    paceIdentity: 'pace-t',
    secrets: () => ['t'],
  };
  const client = (deadlineIn = 10_000) => {
    const call = callContext({ deadline: clock.now() + deadlineIn, noCache: true });
    return { call, client: new SailPointClient(createExecutor(deps, call, auth, 'hash-t'), 'v1') };
  };
  return { clock, client };
}

test('the next slot counts from the response of the previous request, not from its admission', async () => {
  // A transport that takes 300 ms (arrival somewhere in there).
  const slow = harness(async () => {
    slow.clock.advance(300);
    return ok;
  });
  await slow.client().client.listTriggerInvocationStatuses({ offset: 0, limit: 1 });
  expect(slow.clock.now()).toBe(300);
  await slow.client().client.listTriggerInvocationStatuses({ offset: 1, limit: 1 });
  // Admission-time logging would have waited 700 ms (admitted at 0); the response came at 300, so 1000.
  expect(slow.clock.sleeps).toEqual([1000]);
});

test('slots are held as in flight with a hold of deadline + timeout, and completed even when auth fails', async () => {
  const calls: string[] = [];
  const clock = virtualClock(0);
  const inner = createMemoryLimiter({ limit: 5, windowMs: 1000 }, clock.now);
  const limiter: Limiter = {
    async tryAcquire(identity, holdMs) {
      calls.push(`acquire ${holdMs}`);
      return inner.tryAcquire(identity, holdMs);
    },
    async complete(identity, ticket) {
      calls.push('complete');
      return inner.complete(identity, ticket);
    },
  };
  let failAuth = false;
  const h = harness(async () => ok, {
    clock,
    limiter,
    auth: {
      authorization: async () => {
        if (failAuth) throw new Error('token endpoint down');
        return 'Bearer t';
      },
      paceIdentity: 'pace-t',
      secrets: () => [],
    },
  });
  await h.client(5000).client.listWorkflows();
  // deadline (5000 from now) + timeoutMs (2000)
  expect(calls).toEqual(['acquire 7000', 'complete']);
  failAuth = true;
  await expect(h.client(5000).client.listWorkflows()).rejects.toThrow();
  expect(calls).toEqual(['acquire 7000', 'complete', 'acquire 7000', 'complete']);
});

test('every retry attempt takes and completes its own slot', async () => {
  const statuses = [503, 503, 200];
  const clock = virtualClock(0);
  let acquired = 0;
  let completed = 0;
  const inner = createMemoryLimiter({ limit: 100, windowMs: 1000 }, clock.now);
  const h = harness(
    async () => {
      const status = statuses.shift() ?? 200;
      return { kind: 'response', status, headers: {}, body: status === 200 ? '[]' : '{}' };
    },
    {
      clock,
      limiter: {
        tryAcquire: (identity, holdMs) => {
          acquired += 1;
          return inner.tryAcquire(identity, holdMs);
        },
        complete: (identity, ticket) => {
          completed += 1;
          return inner.complete(identity, ticket);
        },
      },
    },
  );
  const { call, client } = h.client();
  await client.listWorkflows();
  expect(call.stats.requests).toBe(3);
  expect([acquired, completed]).toEqual([3, 3]);
});
