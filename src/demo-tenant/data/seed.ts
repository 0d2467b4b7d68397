import type { Rng } from './prng.js';
import type { StepTemplate, TriggerSpec, WorkflowTemplate } from './catalog.js';
import type {
  DemoAccountActivity,
  DemoAccountActivityItem,
  DemoComment,
  DemoData,
  DemoExecution,
  DemoIdentity,
  DemoIdentitySummary,
  DemoInvocationStatus,
  DemoWorkflow,
  DemoWorkflowDefinition,
  DemoWorkflowTrigger,
  IdentityRef,
} from './types.js';
import type { ExecutionPlan } from './history.js';
import {
  ACCESS_PROFILES,
  ACCOUNT_ACTIVITY_TYPES,
  ACCOUNT_ACTIVITY_TYPE_WEIGHTS,
  DEPARTMENTS,
  ENTITLEMENTS,
  IDENTITY_NAMES,
  INVOCATION_ERRORS,
  PROVISIONING_ERRORS,
  REQUESTED_ACTIVITY_TYPES,
  REQUEST_COMMENTS,
  REVIEW_COMMENTS,
  ROLES,
  SOURCES,
  TITLES,
  TRIGGERS,
  WARNINGS,
  WORKFLOW_AUTHORS,
  WORKFLOW_TEMPLATES,
} from './catalog.js';
import { buildHistory } from './history.js';
import { createRng } from './prng.js';
import { MS_PER_DAY, MS_PER_HOUR, formatTimestamp } from '../time.js';

/** Bound once: under Jest's vm context every global lookup (Math...) costs ~15x more, and seeding makes
 * hundreds of thousands of them. */
const { floor } = Math;

export const EXECUTION_RETENTION_MS = 90 * MS_PER_DAY;
export const INVOCATION_SUCCESS_RETENTION_MS = 24 * MS_PER_HOUR;
export const INVOCATION_FAILURE_RETENTION_MS = 48 * MS_PER_HOUR;
export const INVOCATION_STATUS_CAP = 2000;

export const ACCOUNT_ACTIVITY_COUNT = 3000;
export const INVOCATION_STATUS_COUNT = 1500;
const IN_FLIGHT_INVOCATIONS = 6;
const RUNNING_ACTIVITIES = 8;

export interface SeedOptions {
  seed: number;
  /** Epoch ms the data is anchored to. */
  now: number;
}

interface Stamp {
  ms: number;
  sub: number;
}

/** Random instant in [fromMs, toMs] with nanosecond detail. */
function stampBetween(rng: Rng, fromMs: number, toMs: number): Stamp {
  return { ms: floor(fromMs + rng.next() * (toMs - fromMs)), sub: rng.int(0, 999_999) };
}

const slugCache = new Map<string, string>();

function asciiSlug(name: string, separator: string): string {
  const key = `${separator}\u0000${name}`;
  let slug = slugCache.get(key);
  if (slug === undefined) {
    slug = makeSlug(name, separator);
    slugCache.set(key, slug);
  }
  return slug;
}

function makeSlug(name: string, separator: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/"[^"]*"\s*/g, '')
    .replace(/[^A-Za-z ]/g, '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .join(separator);
}

export function seedDemoData(options: SeedOptions): DemoData {
  const { seed } = options;
  const now = floor(options.now);
  const rng = createRng(seed);

  const identities: DemoIdentity[] = IDENTITY_NAMES.map((name) => ({
    id: `2c9180${rng.hex(26)}`,
    name,
    email: `${asciiSlug(name, '.')}@example.com`,
  }));
  const admin = identities[0] as DemoIdentity;
  const ref = (identity: DemoIdentity): IdentityRef => ({
    type: 'IDENTITY',
    id: identity.id,
    name: identity.name,
  });
  const authors = WORKFLOW_AUTHORS.map((i) => identities[i] as DemoIdentity);

  // Workflows, plus the step plan history generation needs.
  const workflows: DemoWorkflow[] = [];
  const stepsOf = new Map<string, readonly StepTemplate[]>();
  const templateOf = new Map<string, WorkflowTemplate>();
  for (const template of WORKFLOW_TEMPLATES) {
    for (const variant of template.variants) {
      const id = rng.uuid();
      const ranBefore = template.rate > 0;
      const createdMs =
        now - (ranBefore ? rng.int(140, 900) : rng.int(20, 139)) * MS_PER_DAY - rng.int(0, MS_PER_DAY);
      const created = stampBetween(rng, createdMs, createdMs + 1000);
      const modified = stampBetween(rng, created.ms + MS_PER_DAY, now - MS_PER_HOUR);
      const creator = rng.pick(authors);
      const name = variant === '' ? template.name : `${template.name} (${variant})`;
      const workflow: DemoWorkflow = {
        id,
        executionCount: 0,
        failureCount: 0,
        created: formatTimestamp(created.ms, 9, created.sub),
        modified: formatTimestamp(modified.ms, 9, modified.sub),
        modifiedBy: ref(rng.chance(0.5) ? creator : rng.pick(authors)),
        creator: ref(creator),
        name,
        owner: ref(rng.chance(0.7) ? creator : rng.pick(authors)),
        description: template.description,
        definition: buildDefinition(template.steps),
        enabled: template.enabled ?? rng.chance(0.9),
        trigger: buildTrigger(rng, template, id, name),
      };
      workflows.push(workflow);
      stepsOf.set(id, template.steps);
      templateOf.set(id, template);
    }
  }
  const busiest = workflows.find((w) => templateOf.get(w.id)?.busiest === true) as DemoWorkflow;

  // Executions: most in the 90-day window, some archived; keep an hour clear of the boundary so a test
  // computing "now" a little differently still agrees on which side each execution is.
  const plans = new Map<string, ExecutionPlan>();
  const all: { start: Stamp; execution: DemoExecution }[] = [];
  const retentionStart = now - EXECUTION_RETENTION_MS;
  const addExecution = (workflow: DemoWorkflow, start: Stamp, status: string): void => {
    const execution: DemoExecution = {
      id: rng.uuid(),
      workflowId: workflow.id,
      requestId: rng.hex(32),
      startTime: formatTimestamp(start.ms, 9, start.sub),
      status,
    };
    let end: Stamp;
    if (status === 'Completed' || status === 'Failed' || status === 'Canceled') {
      const steps = stepsOf.get(workflow.id) ?? [];
      const longest = steps.some((s) => s.kind === 'loop') ? 600_000 : 60_000;
      end = { ms: Math.min(start.ms + rng.int(250, longest), now - 1000), sub: rng.int(0, 999_999) };
      execution.closeTime = formatTimestamp(end.ms, 9, end.sub);
    } else {
      end = {
        ms: status === 'Queued' ? start.ms : Math.max(start.ms, now - rng.int(100, 3000)),
        sub: start.sub,
      };
    }
    plans.set(execution.id, {
      execution,
      workflowName: workflow.name,
      steps: stepsOf.get(workflow.id) ?? [],
      startMs: start.ms,
      startSubNs: start.sub,
      endMs: end.ms,
      endSubNs: end.sub,
    });
    all.push({ start, execution });
    workflow.executionCount++;
    if (status === 'Failed') workflow.failureCount++;
  };
  const finishedStatus = (): string =>
    rng.weighted(['Completed', 'Failed', 'Canceled'] as const, [85, 11, 4] as const);
  for (const workflow of workflows) {
    const template = templateOf.get(workflow.id) as WorkflowTemplate;
    if (template.rate <= 0) continue;
    const inWindow = template.busiest
      ? rng.int(680, 720)
      : Math.max(1, Math.round(template.rate * rng.int(60, 200)));
    const archived = Math.round(inWindow * (0.1 + rng.next() * 0.3));
    const firstMs = Math.max(retentionStart + MS_PER_HOUR, Date.parse(workflow.created) + MS_PER_HOUR);
    for (let i = 0; i < inWindow; i++)
      addExecution(workflow, stampBetween(rng, firstMs, now - 120_000), finishedStatus());
    for (let i = 0; i < archived; i++) {
      addExecution(
        workflow,
        stampBetween(rng, now - 130 * MS_PER_DAY, retentionStart - MS_PER_HOUR),
        finishedStatus(),
      );
    }
  }
  // In-flight executions, always the newest. "Executing" is not in SailPoint's enum but has been reported in the
  // wild (quirk Q3), so the gateway must cope with it.
  const active = workflows.filter((w) => w !== busiest && (templateOf.get(w.id)?.rate ?? 0) >= 0.3);
  const inFlight: [DemoWorkflow | undefined, string][] = [
    [busiest, 'Running'],
    [busiest, 'Queued'],
    [active[0], 'Running'],
    [active[1], 'Executing'],
    [active[2], 'Queued'],
  ];
  for (const [workflow, status] of inFlight) {
    if (workflow) addExecution(workflow, stampBetween(rng, now - 600_000, now - 5_000), status);
  }
  all.sort((a, b) => b.start.ms - a.start.ms || b.start.sub - a.start.sub);
  const executions = all.map((e) => e.execution);
  const retainedExecutions = all.filter((e) => e.start.ms >= retentionStart).map((e) => e.execution);
  const byWorkflow = new Map<string, DemoExecution[]>();
  for (const e of retainedExecutions) {
    const list = byWorkflow.get(e.workflowId);
    if (list) list.push(e);
    else byWorkflow.set(e.workflowId, [e]);
  }

  const invocationStatuses = seedInvocationStatuses(rng, now, workflows, identities);
  const retainedInvocationStatuses = retainInvocationStatuses(invocationStatuses, now, INVOCATION_STATUS_CAP);
  const accountActivities = seedAccountActivities(rng, now, identities);

  return {
    seed,
    now,
    identities,
    adminIdentityId: admin.id,
    workflows,
    busiestWorkflowId: busiest.id,
    executions,
    retainedExecutions,
    executionsOf: (workflowId) => byWorkflow.get(workflowId) ?? [],
    historyOf: (executionId) => {
      const plan = plans.get(executionId);
      return plan ? buildHistory(seed, plan) : [];
    },
    invocationStatuses,
    retainedInvocationStatuses,
    accountActivities,
  };
}

function buildDefinition(steps: readonly StepTemplate[]): DemoWorkflowDefinition {
  const end = 'End Step - Success';
  const out: DemoWorkflowDefinition['steps'] = {};
  steps.forEach((step, i) => {
    const nextStep = steps[i + 1]?.name ?? end;
    out[step.name] = {
      actionId: step.actionId,
      attributes: step.attributes,
      displayName: step.name,
      nextStep,
      type: step.kind === 'operator' ? 'operator' : 'action',
      ...(step.kind === 'loop' ? { description: 'Runs its inner steps once per input item' } : {}),
    };
  });
  out[end] = { displayName: '', type: 'success' };
  return { start: steps[0]?.name ?? end, steps: out };
}

function buildTrigger(rng: Rng, template: WorkflowTemplate, id: string, name: string): DemoWorkflowTrigger {
  const t = template.trigger;
  switch (t.type) {
    case 'EVENT':
    case 'SCHEDULED':
      return { type: t.type, displayName: t.displayName, attributes: { ...t.attributes } };
    case 'EXTERNAL':
      return {
        type: 'EXTERNAL',
        displayName: t.displayName,
        attributes: {
          name: name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, ''),
          description: t.description,
          clientId: rng.uuid(),
          url: `https://demo-tenant.api.identitynow.com/workflows/v1/execute/external/${id}`,
        },
      };
    case '':
      return { type: '', displayName: null, attributes: null };
  }
}

interface Subscription {
  id: string;
  name: string;
  trigger: TriggerSpec;
  workflowId?: string;
}

function seedInvocationStatuses(
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

function seedAccountActivities(
  rng: Rng,
  now: number,
  identities: readonly DemoIdentity[],
): DemoAccountActivity[] {
  const admin = identities[0] as DemoIdentity;
  const sourceIds = SOURCES.map(() => rng.hex(32));
  const summary = (identity: DemoIdentity, completed: boolean): DemoIdentitySummary => ({
    id: rng.hex(32),
    name: identity.name,
    identityId: identity.id,
    completed,
  });
  const comment = (identity: DemoIdentity, body: string, atMs: number): DemoComment => ({
    commenterId: identity.id,
    commenterName: identity.name,
    body,
    date: formatTimestamp(atMs, 3),
  });

  const out: { ms: number; activity: DemoAccountActivity }[] = [];
  for (let i = 0; i < ACCOUNT_ACTIVITY_COUNT; i++) {
    // The first few are recent and still running, so every seed has unfinished activities.
    const running = i < RUNNING_ACTIVITIES;
    const createdMs = running
      ? floor(now - 2 * MS_PER_HOUR + rng.next() * (2 * MS_PER_HOUR - 60_000))
      : floor(now - 365 * MS_PER_DAY + rng.next() * (365 * MS_PER_DAY - 60_000));
    const type: string | null = rng.chance(0.004)
      ? null
      : rng.weighted(ACCOUNT_ACTIVITY_TYPES, ACCOUNT_ACTIVITY_TYPE_WEIGHTS);
    const executionStatus: DemoAccountActivity['executionStatus'] = running
      ? i % 2 === 0
        ? 'EXECUTING'
        : 'VERIFYING'
      : rng.chance(0.93)
        ? 'COMPLETED'
        : 'TERMINATED';
    const done = executionStatus === 'COMPLETED' || executionStatus === 'TERMINATED';
    const completionStatus: string | null =
      executionStatus === 'COMPLETED'
        ? rng.weighted(['SUCCESS', 'FAILURE', 'INCOMPLETE'] as const, [85, 8, 7] as const)
        : executionStatus === 'TERMINATED'
          ? rng.pick(['FAILURE', 'INCOMPLETE'])
          : rng.chance(0.6)
            ? 'PENDING'
            : null;
    const completedMs = done ? Math.min(createdMs + rng.int(1000, 2 * MS_PER_DAY), now - 1000) : null;
    const modifiedMs = rng.chance(0.06) ? null : (completedMs ?? createdMs + rng.int(0, 60_000));
    const target = rng.chance(0.12) ? admin : rng.pick(identities);
    const requester =
      type !== null && REQUESTED_ACTIVITY_TYPES.has(type)
        ? rng.chance(0.35)
          ? admin
          : rng.pick(identities)
        : null;
    const id = rng.hex(32);
    const failed = completionStatus === 'FAILURE';

    const items: DemoAccountActivityItem[] = [];
    const itemCount = itemCountFor(rng, type);
    for (let n = 0; n < itemCount; n++) {
      const sourceIndex = rng.int(0, SOURCES.length - 1);
      const base: DemoAccountActivityItem = {
        id: rng.hex(32),
        name: '',
        requested: formatTimestamp(createdMs, 3),
        approvalStatus: null,
        provisioningStatus: provisioningFor(rng, completionStatus),
        requesterComment: null,
        reviewerIdentitySummary: null,
        reviewerComment: null,
        operation: null,
        attribute: null,
        value: null,
        nativeIdentity:
          sourceIndex === 0
            ? `CN=${asciiSlug(target.name, ' ')},OU=Users,DC=corp,DC=example,DC=com`
            : asciiSlug(target.name, '.'),
        sourceId: sourceIds[sourceIndex] as string,
        accountRequestInfo: null,
        clientMetadata: null,
        removeDate: null,
      };
      base.name = base.id;
      fillItem(rng, base, type, completionStatus);
      if (type === 'appRequest' || type === 'Certification') {
        const reviewer = rng.pick(identities);
        if (requester && type === 'appRequest')
          base.requesterComment = comment(requester, rng.pick(REQUEST_COMMENTS), createdMs);
        if (base.approvalStatus !== 'PENDING' && base.approvalStatus !== null) {
          base.reviewerIdentitySummary = summary(reviewer, true);
          base.reviewerComment = comment(
            reviewer,
            rng.pick(REVIEW_COMMENTS),
            createdMs + rng.int(60_000, MS_PER_DAY),
          );
        }
      }
      items.push(base);
    }

    const activity: DemoAccountActivity = {
      id,
      name: id,
      created: formatTimestamp(createdMs, 3),
      modified: modifiedMs === null ? null : formatTimestamp(modifiedMs, 3),
      completed: completedMs === null ? null : formatTimestamp(completedMs, 3),
      completionStatus,
      type,
      requesterIdentitySummary: requester ? summary(requester, true) : null,
      targetIdentitySummary: summary(target, done),
      errors: rng.chance(0.03) ? null : failed ? [rng.pick(PROVISIONING_ERRORS)] : [],
      warnings: rng.chance(0.03) ? null : rng.chance(0.1) ? [rng.pick(WARNINGS)] : [],
      items: type !== 'appRequest' && rng.chance(0.02) ? null : items,
      executionStatus,
      clientMetadata:
        type === 'appRequest' && rng.chance(0.6)
          ? {
              requestedAppName: rng.pick(SOURCES),
              requestedAppId: rng.hex(32),
              ticket: `REQ${rng.int(100000, 999999)}`,
            }
          : null,
    };
    out.push({ ms: createdMs, activity });
  }
  out.sort((a, b) => a.ms - b.ms);
  return out.map((o) => o.activity);
}

function itemCountFor(rng: Rng, type: string | null): number {
  switch (type) {
    case 'appRequest':
      return rng.int(1, 3);
    case 'Certification':
    case 'AccountAttributeUpdate':
      return rng.int(1, 2);
    case 'CloudAutomated':
    case 'LifecycleStateChange':
      return rng.int(1, 3);
    case 'Identity Refresh':
    case 'Attribute Synchronization Refresh':
    case 'Lifecycle Change Refresh':
      return rng.int(0, 3);
    case null:
      return 0;
    default:
      return 1;
  }
}

function provisioningFor(rng: Rng, completionStatus: string | null): string {
  switch (completionStatus) {
    case 'SUCCESS':
      return rng.chance(0.9) ? 'FINISHED' : 'COMMITED';
    case 'FAILURE':
      return 'FAILED';
    case 'INCOMPLETE':
      return rng.pick(['UNVERIFIABLE', 'RETRY']);
    default:
      return 'PENDING';
  }
}

function approvalFor(rng: Rng, completionStatus: string | null): string | null {
  switch (completionStatus) {
    case 'SUCCESS':
      return 'FINISHED';
    case 'FAILURE':
      return rng.chance(0.5) ? 'REJECTED' : 'FINISHED';
    case 'INCOMPLETE':
      return rng.pick(['EXPIRED', 'CANCELED', 'RETURNED']);
    case 'PENDING':
      return 'PENDING';
    default:
      return null;
  }
}

function fillItem(
  rng: Rng,
  item: DemoAccountActivityItem,
  type: string | null,
  completionStatus: string | null,
): void {
  switch (type) {
    case 'appRequest': {
      const kind = rng.weighted(['ROLE', 'ACCESS_PROFILE', 'ENTITLEMENT'] as const, [4, 4, 2] as const);
      const objectName = rng.pick(
        kind === 'ROLE' ? ROLES : kind === 'ACCESS_PROFILE' ? ACCESS_PROFILES : ENTITLEMENTS,
      );
      item.operation = rng.chance(0.85) ? 'ADD' : 'REMOVE';
      item.attribute =
        kind === 'ROLE' ? 'assignedRoles' : kind === 'ACCESS_PROFILE' ? 'accessProfiles' : 'memberOf';
      item.value = objectName;
      item.approvalStatus = approvalFor(rng, completionStatus);
      item.accountRequestInfo = {
        requestedObjectId: rng.hex(32),
        requestedObjectName: objectName,
        requestedObjectType: kind,
      };
      if (rng.chance(0.3)) item.clientMetadata = { requestedAppName: 'Access Request UI' };
      if (rng.chance(0.15)) {
        const days = rng.int(30, 365);
        item.removeDate = `${new Date(Date.parse(item.requested) + days * MS_PER_DAY).toISOString().slice(0, 10)}T00:00:00Z`;
      }
      return;
    }
    case 'Certification':
      item.operation = 'REMOVE';
      item.attribute = 'memberOf';
      item.value = rng.pick(ENTITLEMENTS);
      item.approvalStatus = approvalFor(rng, completionStatus);
      return;
    case 'AccountStateUpdate':
      item.operation = rng.pick(['DISABLE', 'ENABLE', 'LOCK', 'UNLOCK']);
      return;
    case 'AccountAttributeUpdate':
      item.operation = rng.pick(['MODIFY', 'SET']);
      item.attribute = rng.pick(['title', 'department', 'telephoneNumber']);
      item.value = item.attribute === 'title' ? rng.pick(TITLES) : rng.pick(DEPARTMENTS);
      return;
    case 'IdentityAttributeUpdate':
      item.operation = 'SET';
      item.attribute = rng.pick(['department', 'title']);
      item.value = item.attribute === 'title' ? rng.pick(TITLES) : rng.pick(DEPARTMENTS);
      return;
    case 'CloudPasswordRequest':
      item.operation = 'MODIFY';
      item.attribute = 'password';
      return;
    case 'CloudAutomated':
    case 'LifecycleStateChange':
      item.operation = rng.pick(['DISABLE', 'ENABLE', 'CREATE', 'DELETE']);
      return;
    default: {
      const role = rng.pick(ROLES);
      item.operation = rng.pick(['ADD', 'REMOVE']);
      item.attribute = 'detectedRoles';
      item.value = `${role} [Role-${rng.int(1_500_000_000_000, 1_700_000_000_000)}]`;
    }
  }
}
