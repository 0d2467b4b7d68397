/**
 * Trigger invocation statuses: subscriptions of event-triggered workflows and HTTP subscribers, each invocation
 * with the trigger's input and (once completed) its output or error, and SailPoint's retention rules.
 */
import type { Rng } from '../prng.js';
import type { TriggerSpec } from '../catalog/index.js';
import type { DemoIdentity, DemoInvocationStatus, DemoWorkflow } from '../types.js';
import {
  DEPARTMENTS,
  INVOCATION_ERRORS,
  REQUEST_COMMENTS,
  REVIEW_COMMENTS,
  ROLES,
  SOURCES,
  TRIGGERS,
} from '../catalog/index.js';
import { MS_PER_HOUR, formatTimestamp } from '../../time.js';
import { floor } from './common.js';

export const INVOCATION_SUCCESS_RETENTION_MS = 24 * MS_PER_HOUR;
export const INVOCATION_FAILURE_RETENTION_MS = 48 * MS_PER_HOUR;
export const INVOCATION_STATUS_CAP = 2000;
export const INVOCATION_STATUS_COUNT = 1500;
const IN_FLIGHT_INVOCATIONS = 6;

interface Subscription {
  id: string;
  name: string;
  trigger: TriggerSpec;
  workflowId?: string;
}

export function seedInvocationStatuses(
  rng: Rng,
  now: number,
  workflows: readonly DemoWorkflow[],
  identities: readonly DemoIdentity[],
): DemoInvocationStatus[] {
  const triggerById = new Map(TRIGGERS.map((t) => [t.id, t]));
  const subscriptions: Subscription[] = [];
  for (const workflow of workflows) {
    const triggerId = workflow.trigger.attributes?.['id'];
    const trigger = typeof triggerId === 'string' ? triggerById.get(triggerId) : undefined;
    if (workflow.trigger.type === 'EVENT' && trigger && subscriptions.length < 8) {
      subscriptions.push({
        id: rng.uuid(),
        name: `Workflow: ${workflow.name}`,
        trigger,
        workflowId: workflow.id,
      });
    }
  }
  const http: [string, string][] = [
    ['idn:access-request-dynamic-approver', 'Dynamic approver (HTTP)'],
    ['idn:access-request-pre-approval', 'Budget check (HTTP)'],
    ['idn:identity-attributes-changed', 'SIEM forwarder (EventBridge)'],
    ['idn:account-aggregation-completed', 'Aggregation monitor (HTTP)'],
  ];
  for (const [triggerId, name] of http) {
    const trigger = triggerById.get(triggerId);
    if (trigger) subscriptions.push({ id: rng.uuid(), name, trigger });
  }

  const statuses: { ms: number; status: DemoInvocationStatus }[] = [];
  for (let i = 0; i < INVOCATION_STATUS_COUNT; i++) {
    const sub = rng.pick(subscriptions);
    // The first few are always in flight (created minutes ago), so every seed has some.
    const inFlight = i < IN_FLIGHT_INVOCATIONS;
    const createdMs = inFlight
      ? floor(now - 15 * 60_000 + rng.next() * (15 * 60_000 - 3000))
      : floor(now - 72 * MS_PER_HOUR + rng.next() * (72 * MS_PER_HOUR - 3000));
    const status: DemoInvocationStatus = {
      id: rng.uuid(),
      triggerId: sub.trigger.id,
      subscriptionName: sub.name,
      subscriptionId: sub.id,
      type: rng.chance(0.08) ? 'TEST' : 'REAL_TIME',
      created: formatTimestamp(createdMs, 3),
      startInvocationInput: {
        triggerId: sub.trigger.id,
        input: triggerInput(rng, sub.trigger.id, identities, createdMs),
        contentJson: sub.workflowId ? { workflowId: sub.workflowId } : {},
      },
    };
    if (!inFlight) {
      status.completed = formatTimestamp(Math.min(createdMs + rng.int(40, 8000), now - 1), 3);
      if (rng.chance(0.15)) {
        status.completeInvocationInput = {
          localizedError: { locale: 'en-US', message: rng.pick(INVOCATION_ERRORS) },
          output: null,
        };
      } else {
        status.completeInvocationInput = { output: triggerOutput(rng, sub.trigger, identities) };
      }
    }
    statuses.push({ ms: createdMs, status });
  }
  statuses.sort((a, b) => b.ms - a.ms);
  return statuses.map((s) => s.status);
}

/**
 * The statuses SailPoint still returns at `now`: successful ones for 24 h, failed ones for 48 h (both from
 * `created`), in-flight ones always; then only the newest `cap`. Input and output are newest first.
 */
export function retainInvocationStatuses(
  statuses: readonly DemoInvocationStatus[],
  now: number,
  cap: number,
): DemoInvocationStatus[] {
  const kept = statuses.filter((s) => {
    if (s.completed === undefined) return true;
    const age = now - Date.parse(s.created);
    const failed = s.completeInvocationInput?.localizedError !== undefined;
    return age <= (failed ? INVOCATION_FAILURE_RETENTION_MS : INVOCATION_SUCCESS_RETENTION_MS);
  });
  return kept.slice(0, cap);
}

function identityPayload(identity: DemoIdentity): Record<string, unknown> {
  return { id: identity.id, name: identity.name, type: 'IDENTITY' };
}

function triggerInput(
  rng: Rng,
  triggerId: string,
  identities: readonly DemoIdentity[],
  atMs: number,
): Record<string, unknown> {
  const who = rng.pick(identities);
  switch (triggerId) {
    case 'idn:access-request-dynamic-approver':
    case 'idn:access-request-pre-approval':
    case 'idn:access-request-post-approval':
      return {
        accessRequestId: rng.hex(32),
        requestedFor: [identityPayload(who)],
        requestedBy: identityPayload(rng.pick(identities)),
        requestedItems: [
          {
            id: rng.hex(32),
            name: rng.pick(ROLES),
            type: 'ROLE',
            operation: 'Add',
            comment: rng.pick(REQUEST_COMMENTS),
          },
        ],
      };
    case 'idn:identity-attributes-changed': {
      const attribute = rng.pick(['department', 'manager', 'cloudLifecycleState', 'title']);
      return {
        identity: identityPayload(who),
        changes: [{ attribute, oldValue: rng.pick(DEPARTMENTS), newValue: rng.pick(DEPARTMENTS) }],
      };
    }
    case 'idn:identity-created':
      return {
        identity: identityPayload(who),
        attributes: { email: who.email, department: rng.pick(DEPARTMENTS) },
      };
    case 'idn:account-aggregation-completed':
      return {
        source: { id: rng.hex(32), name: rng.pick(SOURCES), type: 'SOURCE' },
        status: rng.chance(0.2) ? 'Error' : 'Success',
        started: formatTimestamp(atMs - rng.int(60_000, 900_000), 3),
        completed: formatTimestamp(atMs, 3),
        errors: [],
        warnings: [],
        stats: {
          scanned: rng.int(100, 50_000),
          unchanged: rng.int(0, 100),
          changed: rng.int(0, 50),
          added: rng.int(0, 20),
          removed: 0,
        },
      };
    case 'idn:source-created':
      return { id: rng.hex(32), name: rng.pick(SOURCES), type: 'SOURCE', actor: identityPayload(who) };
    case 'idn:certification-signed-off':
      return {
        certification: { id: rng.hex(32), name: `Manager certification for ${who.name}`, phase: 'SIGNED' },
      };
    case 'idn:saved-search-complete':
      return {
        searchName: 'Disabled accounts with access',
        ownerEmail: who.email,
        searchResults: { Account: { count: String(rng.int(0, 400)), noun: 'accounts' } },
      };
    default:
      return {
        application: { id: rng.hex(32), name: 'VA-Cluster-1' },
        healthCheckResult: { status: rng.pick(['Succeeded', 'Failed']) },
      };
  }
}

function triggerOutput(
  rng: Rng,
  trigger: TriggerSpec,
  identities: readonly DemoIdentity[],
): Record<string, unknown> | null {
  if (!trigger.requestResponse) return null;
  if (trigger.id === 'idn:access-request-dynamic-approver') return identityPayload(rng.pick(identities));
  return { approved: rng.chance(0.85), comment: rng.pick(REVIEW_COMMENTS), approver: 'budget-service' };
}
