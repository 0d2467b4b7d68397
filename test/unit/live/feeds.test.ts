import fc from 'fast-check';
import { credentialHash } from '../../../src/cache/keys.js';
import {
  EXECUTION_LOOKBACK_MS,
  diffSnapshots,
  executionWindowStart,
  feedQuery,
  type FeedSpec,
  type Snapshot,
} from '../../../src/live/feeds.js';
import { pollKey } from '../../../src/live/hub.js';
import type { WorkflowExecutionDto } from '../../../src/upstream/types.js';

const executions: FeedSpec = { kind: 'executions', workflowId: 'w', filter: null };
const STATUSES = ['Running', 'Queued', 'Completed', 'Failed', 'Canceled', 'Executing'];

const execution = (id: string, status: string, closeTime: string | null = null): WorkflowExecutionDto => ({
  id,
  workflowId: 'w',
  status,
  closeTime,
  startTime: '2026-12-04T10:00:00Z',
});

const snapshot = (items: WorkflowExecutionDto[], polledAt = 0): Snapshot => ({
  polledAt,
  items: Object.fromEntries(items.map((item) => [item.id, item])),
});

const arbitraryState = fc.dictionary(
  fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  fc.record({ status: fc.constantFrom(...STATUSES), closed: fc.boolean() }),
);
/** Every id in every snapshot: within a poll window an item does not vanish and come back. */
const fullState = fc.record(
  Object.fromEntries(
    ['a', 'b', 'c', 'd'].map((id) => [
      id,
      fc.record({ status: fc.constantFrom(...STATUSES), closed: fc.boolean() }),
    ]),
  ),
);
const toSnapshot = (state: Record<string, { status: string; closed: boolean }>): Snapshot =>
  snapshot(
    Object.entries(state).map(([id, { status, closed }]) =>
      execution(id, status, closed ? '2026-12-04T11:00:00Z' : null),
    ),
  );

test('a diff is exactly the new items and the items whose status or close time changed, each once', () => {
  fc.assert(
    fc.property(arbitraryState, arbitraryState, (before, after) => {
      const ids = diffSnapshots(executions, toSnapshot(before), toSnapshot(after)).map((item) => item.id);
      const expected = Object.keys(after).filter(
        (id) =>
          before[id] === undefined ||
          before[id].status !== after[id]!.status ||
          before[id].closed !== after[id]!.closed,
      );
      expect(ids.sort()).toEqual(expected.sort());
    }),
  );
});

test('replaying a run of snapshots loses and repeats nothing, however many polls are skipped', () => {
  // A stretched interval skips intermediate snapshots: the events of the polls actually made must still end in
  // the last state, one event per item whose final state differs from the baseline.
  fc.assert(
    fc.property(fc.array(fullState, { minLength: 2, maxLength: 8 }), fc.array(fc.boolean()), (run, keep) => {
      const polled = run
        .filter((_, i) => i === 0 || i === run.length - 1 || keep[i] === true)
        .map(toSnapshot);
      const seen = new Map<string, string>();
      for (let i = 1; i < polled.length; i++) {
        for (const item of diffSnapshots(executions, polled[i - 1], polled[i]!)) {
          const e = item as WorkflowExecutionDto;
          const state = `${e.status}|${e.closeTime}`;
          expect(seen.get(e.id)).not.toBe(state);
          seen.set(e.id, state);
        }
      }
      const last = polled[polled.length - 1]!;
      const first = polled[0]!;
      for (const [id, item] of Object.entries(last.items)) {
        const e = item as WorkflowExecutionDto;
        const base = first.items[id] as WorkflowExecutionDto | undefined;
        const changed = base === undefined || base.status !== e.status || base.closeTime !== e.closeTime;
        if (changed) expect(seen.get(id)).toBe(`${e.status}|${e.closeTime}`);
      }
    }),
  );
});

test('the first snapshot of a list feed is the baseline; the first of one execution is its first event', () => {
  const first = snapshot([execution('a', 'Running')]);
  expect(diffSnapshots(executions, undefined, first)).toEqual([]);
  expect(diffSnapshots({ kind: 'invocations', filter: null }, undefined, first)).toEqual([]);
  expect(diffSnapshots({ kind: 'execution', id: 'a' }, undefined, first)).toEqual([first.items.a]);
});

test('a status filter applies to events, so an execution that fails is an event of a FAILED filter', () => {
  const failed: FeedSpec = { kind: 'executions', workflowId: 'w', filter: { status: { eq: 'FAILED' } } };
  const before = snapshot([execution('a', 'Running'), execution('b', 'Running')]);
  const after = snapshot([execution('a', 'Failed'), execution('b', 'Completed'), execution('c', 'Running')]);
  expect(diffSnapshots(failed, before, after).map((e) => e.id)).toEqual(['a']);
});

test('the executions window starts at the oldest execution in flight, or the lookback behind the last poll', () => {
  const polledAt = Date.parse('2026-12-04T12:00:00Z');
  expect(executionWindowStart(undefined, polledAt)).toBe(polledAt - EXECUTION_LOOKBACK_MS);
  const old = { ...execution('a', 'Running'), startTime: '2026-12-01T00:00:00.5Z' };
  const done = { ...execution('b', 'Completed'), startTime: '2026-11-01T00:00:00Z' };
  expect(executionWindowStart(snapshot([old, done], polledAt), polledAt + 10)).toBe(
    Date.parse('2026-12-01T00:00:00.500Z'),
  );
  expect(executionWindowStart(snapshot([done], polledAt), polledAt + 10)).toBe(
    polledAt - EXECUTION_LOOKBACK_MS,
  );
});

test('poll keys hold no credential, differ per credential and tenant, and ignore argument order', () => {
  const token = 'eyJhbGciOi.secret-token.value';
  const hash = credentialHash({ kind: 'bearer', token });
  const query = feedQuery({ kind: 'execution', id: 'e1' });
  const key = pollKey(hash, 'https://t', query);
  expect(key).not.toContain(token);
  expect(key).not.toContain(hash);
  expect(key).toMatch(/^sgw:live:[0-9a-f]{64}$/);
  expect(pollKey(credentialHash({ kind: 'bearer', token: `${token}2` }), 'https://t', query)).not.toBe(key);
  expect(pollKey(hash, 'https://other', query)).not.toBe(key);
  expect(pollKey(hash, 'https://t', { id: 'e1', kind: 'execution' })).toBe(key);
  expect(() => feedQuery({ kind: 'execution', id: 'a b' })).toThrow(/whitespace/);
});
