import { seedDemoData } from '../../../src/demo-tenant/data/seed/index.js';
import { createRng } from '../../../src/demo-tenant/data/prng.js';
import { advance } from '../../../src/demo-tenant/progress.js';

/** advance() on a seeded dataset: deterministic, counts consistent, ids unique, statuses from UPSTREAM.md. */

const NOW = Date.parse('2026-11-01T12:00:00Z');
const STATUSES = new Set(['Completed', 'Failed', 'Canceled', 'Running', 'Queued', 'Executing']);

function run(ticks: number) {
  const data = seedDemoData({ seed: 7, now: NOW });
  const rng = createRng(99);
  const progress = Array.from({ length: ticks }, (_, i) => advance(data, rng, NOW + (i + 1) * 5000));
  return { data, progress };
}

test('is deterministic for the same seed, rng and clock', () => {
  const a = run(5);
  const b = run(5);
  expect(b.progress.map((p) => p.started.map((e) => e.id))).toEqual(
    a.progress.map((p) => p.started.map((e) => e.id)),
  );
  expect(b.data.retainedExecutions.slice(0, 20)).toEqual(a.data.retainedExecutions.slice(0, 20));
  expect(b.data.retainedInvocationStatuses.slice(0, 20)).toEqual(
    a.data.retainedInvocationStatuses.slice(0, 20),
  );
});

test('starts and finishes executions and invocations with consistent counts and unique ids', () => {
  const before = seedDemoData({ seed: 7, now: NOW });
  const { data, progress } = run(10);
  const busiestBefore = before.workflows.find((w) => w.id === before.busiestWorkflowId);
  const busiest = data.workflows.find((w) => w.id === data.busiestWorkflowId);
  expect(busiest?.executionCount).toBe((busiestBefore?.executionCount ?? 0) + 10);
  expect(data.executionsOf(data.busiestWorkflowId).slice(0, 10)).toEqual(
    progress.flatMap((p) => p.started).reverse(),
  );
  expect(new Set(data.executions.map((e) => e.id)).size).toBe(data.executions.length);
  expect(new Set(data.invocationStatuses.map((s) => s.id)).size).toBe(data.invocationStatuses.length);
  for (const workflow of data.workflows) {
    const all = data.executions.filter((e) => e.workflowId === workflow.id);
    expect(workflow.executionCount).toBe(all.length);
    expect(workflow.failureCount).toBe(all.filter((e) => e.status === 'Failed').length);
  }
  for (const e of data.executions) {
    expect(STATUSES.has(e.status)).toBe(true);
    expect(e.closeTime === undefined).toBe(['Running', 'Queued', 'Executing'].includes(e.status));
  }
  for (const p of progress) expect(p.advanced.length).toBeGreaterThan(0);
  // Every invocation in flight before a tick is completed by it; each tick starts one.
  expect(progress.every((p) => p.invoked.length === 1)).toBe(true);
  expect(progress.slice(1).every((p) => p.completed.length === 1)).toBe(true);
  expect(data.invocationStatuses.filter((s) => s.completed === undefined)).toEqual(progress[9]?.invoked);
  for (const s of data.invocationStatuses) {
    expect(s.completed === undefined).toBe(s.completeInvocationInput === undefined);
  }
  expect(data.retainedInvocationStatuses[0]).toBe(progress[9]?.invoked[0]);
});
