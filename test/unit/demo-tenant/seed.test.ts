import type { DemoData, DemoInvocationStatus } from '../../../src/demo-tenant/index.js';
import {
  EXECUTION_RETENTION_MS,
  INVOCATION_FAILURE_RETENTION_MS,
  INVOCATION_SUCCESS_RETENTION_MS,
  retainInvocationStatuses,
  seedDemoData,
} from '../../../src/demo-tenant/data/seed/index.js';
import { timestampNanos } from '../../../src/demo-tenant/time.js';

const NOW = Date.parse('2026-06-15T12:00:00.000Z');
const NANOS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
const MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let data: DemoData;
beforeAll(() => {
  data = seedDemoData({ seed: 7, now: NOW });
});

const ms = (timestamp: string): number => Number(timestampNanos(timestamp) / 1_000_000n);

describe('seedDemoData: determinism and speed', () => {
  it('gives the same data for the same seed and clock, other data for another seed', () => {
    const again = seedDemoData({ seed: 7, now: NOW });
    expect(JSON.stringify(again.workflows)).toBe(JSON.stringify(data.workflows));
    expect(JSON.stringify(again.executions)).toBe(JSON.stringify(data.executions));
    expect(JSON.stringify(again.accountActivities)).toBe(JSON.stringify(data.accountActivities));
    expect(JSON.stringify(again.invocationStatuses)).toBe(JSON.stringify(data.invocationStatuses));
    const execution = data.retainedExecutions[10]!;
    expect(again.historyOf(execution.id)).toEqual(data.historyOf(execution.id));
    const other = seedDemoData({ seed: 8, now: NOW });
    expect(other.workflows[0]!.id).not.toBe(data.workflows[0]!.id);
  });
});

describe('seedDemoData: identities and workflows', () => {
  it('has a handful of identities with SailPoint-style ids, the admin first', () => {
    expect(data.identities.length).toBeGreaterThanOrEqual(8);
    for (const identity of data.identities) expect(identity.id).toMatch(/^[0-9a-f]{32}$/);
    expect(data.adminIdentityId).toBe(data.identities[0]!.id);
    expect(new Set(data.identities.map((i) => i.id)).size).toBe(data.identities.length);
  });

  it('has about 40 workflows covering every trigger type, with unique ids and names', () => {
    expect(data.workflows.length).toBeGreaterThanOrEqual(35);
    expect(data.workflows.length).toBeLessThanOrEqual(45);
    expect(new Set(data.workflows.map((w) => w.trigger.type))).toEqual(
      new Set(['EVENT', 'EXTERNAL', 'SCHEDULED', '']),
    );
    expect(new Set(data.workflows.map((w) => w.id)).size).toBe(data.workflows.length);
    expect(new Set(data.workflows.map((w) => w.name)).size).toBe(data.workflows.length);
    expect(data.workflows.some((w) => !w.enabled)).toBe(true);
    const frequencies = data.workflows.map((w) => w.trigger.attributes?.['frequency']).filter(Boolean);
    expect(new Set(frequencies)).toEqual(new Set(['daily', 'weekly', 'monthly', 'yearly', 'cronSchedule']));
  });

  it('references seeded identities as owner, creator and modifiedBy', () => {
    const ids = new Set(data.identities.map((i) => i.id));
    for (const w of data.workflows) {
      for (const ref of [w.owner, w.creator, w.modifiedBy]) {
        expect(ref.type).toBe('IDENTITY');
        expect(ids.has(ref.id)).toBe(true);
      }
      expect(w.created).toMatch(NANOS);
      expect(w.modified).toMatch(NANOS);
      expect(ms(w.modified)).toBeGreaterThan(ms(w.created));
      expect(Object.keys(w.definition.steps)).toContain(w.definition.start);
      expect(Object.keys(w.definition.steps).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('seedDemoData: executions', () => {
  it('has thousands of executions, newest first, with nanosecond timestamps', () => {
    expect(data.executions.length).toBeGreaterThan(2500);
    for (let i = 1; i < data.executions.length; i++) {
      expect(
        timestampNanos(data.executions[i - 1]!.startTime) >= timestampNanos(data.executions[i]!.startTime),
      ).toBe(true);
    }
    for (const e of data.executions) {
      expect(e.startTime).toMatch(NANOS);
      if (e.closeTime !== undefined) {
        expect(e.closeTime).toMatch(NANOS);
        expect(timestampNanos(e.closeTime) >= timestampNanos(e.startTime)).toBe(true);
      }
      expect(ms(e.startTime)).toBeLessThanOrEqual(NOW);
    }
  });

  it('has every status, including Running and the unlisted "Executing", without closeTime while unfinished', () => {
    const byStatus = new Map<string, number>();
    for (const e of data.retainedExecutions) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
    for (const status of ['Completed', 'Failed', 'Canceled', 'Running', 'Queued', 'Executing']) {
      expect(byStatus.get(status) ?? 0).toBeGreaterThanOrEqual(1);
    }
    for (const e of data.executions) {
      expect(e.closeTime === undefined).toBe(['Running', 'Queued', 'Executing'].includes(e.status));
    }
  });

  it('keeps executions older than 90 days out of the retained set', () => {
    const cutoff = NOW - EXECUTION_RETENTION_MS;
    const archived = data.executions.filter((e) => ms(e.startTime) < cutoff);
    expect(archived.length).toBeGreaterThan(100);
    expect(data.retainedExecutions.length).toBe(data.executions.length - archived.length);
    for (const e of data.retainedExecutions) expect(ms(e.startTime)).toBeGreaterThanOrEqual(cutoff);
  });

  it('has a busiest workflow with more than 600 retained executions; counts include archived ones', () => {
    expect(data.executionsOf(data.busiestWorkflowId).length).toBeGreaterThan(600);
    for (const w of data.workflows) {
      const all = data.executions.filter((e) => e.workflowId === w.id);
      expect(w.executionCount).toBe(all.length);
      expect(w.failureCount).toBe(all.filter((e) => e.status === 'Failed').length);
      expect(data.executionsOf(w.id)).toEqual(data.retainedExecutions.filter((e) => e.workflowId === w.id));
    }
    expect(data.workflows.some((w) => w.executionCount === 0)).toBe(true);
  });

  it('has history for every execution, ordered, within start and close, some longer than a page', () => {
    let longest = 0;
    for (const e of data.retainedExecutions.slice(0, 400)) {
      const events = data.historyOf(e.id);
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events[0]!.type).toBe('WorkflowExecutionScheduled');
      expect(events[0]!.timestamp).toBe(e.startTime);
      for (let i = 1; i < events.length; i++) {
        expect(timestampNanos(events[i]!.timestamp) >= timestampNanos(events[i - 1]!.timestamp)).toBe(true);
      }
      if (e.closeTime !== undefined && events.length > 1)
        expect(events[events.length - 1]!.timestamp).toBe(e.closeTime);
      if (e.status === 'Completed')
        expect(events[events.length - 1]!.type).toBe('WorkflowExecutionCompleted');
      if (e.status === 'Failed') expect(events[events.length - 1]!.type).toBe('WorkflowExecutionFailed');
      if (e.status === 'Queued') expect(events).toHaveLength(1);
      longest = Math.max(longest, events.length);
    }
    expect(longest).toBeGreaterThan(250);
    expect(data.historyOf('no-such-execution')).toEqual([]);
  });
});

describe('seedDemoData: trigger invocation statuses', () => {
  const failed = (s: DemoInvocationStatus) => s.completeInvocationInput?.localizedError !== undefined;

  it('has about 1,500 statuses of both types within and beyond retention', () => {
    expect(data.invocationStatuses.length).toBe(1500);
    expect(data.retainedInvocationStatuses.length).toBeLessThan(data.invocationStatuses.length);
    expect(new Set(data.retainedInvocationStatuses.map((s) => s.type))).toEqual(
      new Set(['TEST', 'REAL_TIME']),
    );
    const old = data.invocationStatuses.filter(
      (s) => NOW - Date.parse(s.created) > INVOCATION_FAILURE_RETENTION_MS,
    );
    expect(old.length).toBeGreaterThan(100);
  });

  it('retains successful ones for 24 h, failed ones for 48 h and in-flight ones always', () => {
    const retained = data.retainedInvocationStatuses;
    for (const s of retained) {
      const age = NOW - Date.parse(s.created);
      if (s.completed === undefined) continue;
      expect(age).toBeLessThanOrEqual(
        failed(s) ? INVOCATION_FAILURE_RETENTION_MS : INVOCATION_SUCCESS_RETENTION_MS,
      );
    }
    expect(retained.some((s) => s.completed === undefined && s.completeInvocationInput === undefined)).toBe(
      true,
    );
    expect(
      retained.some((s) => failed(s) && NOW - Date.parse(s.created) > INVOCATION_SUCCESS_RETENTION_MS),
    ).toBe(true);
    for (const s of retained.filter(failed)) {
      expect(s.completeInvocationInput?.localizedError).toEqual({
        locale: 'en-US',
        message: expect.any(String),
      });
    }
    const kept = new Set(retained.map((s) => s.id));
    const missing = data.invocationStatuses.filter((s) => !kept.has(s.id));
    for (const s of missing) {
      const age = NOW - Date.parse(s.created);
      expect(age).toBeGreaterThan(
        failed(s) ? INVOCATION_FAILURE_RETENTION_MS : INVOCATION_SUCCESS_RETENTION_MS,
      );
    }
    for (const s of data.invocationStatuses) expect(s.created).toMatch(MILLIS);
  });

  it('caps the statuses returned at the newest N', () => {
    const capped = retainInvocationStatuses(data.invocationStatuses, NOW, 10);
    expect(capped).toEqual(data.retainedInvocationStatuses.slice(0, 10));
  });
});

describe('seedDemoData: account activities', () => {
  it('has 3,000 activities of every documented type, oldest first', () => {
    expect(data.accountActivities).toHaveLength(3000);
    const types = new Set(data.accountActivities.map((a) => a.type));
    for (const type of [
      'CloudAutomated',
      'IdentityAttributeUpdate',
      'appRequest',
      'LifecycleStateChange',
      'AccountStateUpdate',
      'AccountAttributeUpdate',
      'CloudPasswordRequest',
      'Attribute Synchronization Refresh',
      'Certification',
      'Identity Refresh',
      'Lifecycle Change Refresh',
    ]) {
      expect(types.has(type)).toBe(true);
    }
    expect(types.has(null)).toBe(true);
    for (let i = 1; i < data.accountActivities.length; i++) {
      expect(Date.parse(data.accountActivities[i]!.created)).toBeGreaterThanOrEqual(
        Date.parse(data.accountActivities[i - 1]!.created),
      );
    }
  });

  it("makes the admin (the demo client's identity) requester and target of many activities", () => {
    const admin = data.adminIdentityId;
    expect(
      data.accountActivities.filter((a) => a.targetIdentitySummary?.identityId === admin).length,
    ).toBeGreaterThan(100);
    expect(
      data.accountActivities.filter((a) => a.requesterIdentitySummary?.identityId === admin).length,
    ).toBeGreaterThan(100);
    const targets = new Set(data.accountActivities.map((a) => a.targetIdentitySummary?.identityId));
    expect(targets.size).toBeGreaterThanOrEqual(8);
  });

  it('has items with comments, reviewers and request info, client metadata, and nulls where SailPoint allows them', () => {
    const items = data.accountActivities.flatMap((a) => a.items ?? []);
    expect(items.some((i) => i.requesterComment !== null)).toBe(true);
    expect(items.some((i) => i.reviewerComment !== null && i.reviewerIdentitySummary !== null)).toBe(true);
    expect(new Set(items.map((i) => i.accountRequestInfo?.requestedObjectType).filter(Boolean))).toEqual(
      new Set(['ROLE', 'ACCESS_PROFILE', 'ENTITLEMENT']),
    );
    expect(items.some((i) => i.removeDate !== null)).toBe(true);
    expect(data.accountActivities.some((a) => a.clientMetadata !== null)).toBe(true);
    expect(data.accountActivities.some((a) => a.modified === null)).toBe(true);
    expect(data.accountActivities.some((a) => a.items === null)).toBe(true);
    expect(data.accountActivities.some((a) => a.requesterIdentitySummary === null)).toBe(true);
    expect(new Set(data.accountActivities.map((a) => a.executionStatus)).size).toBeGreaterThanOrEqual(3);
    for (const a of data.accountActivities) expect(Date.parse(a.created)).toBeLessThanOrEqual(NOW);
  });
});
