/**
 * Workflows (from the catalogue's templates) and their executions: most inside the 90-day retention window, some
 * archived beyond it, and a few in flight. The draw order from the PRNG is part of the dataset's identity.
 */
import type { Rng } from '../prng.js';
import type { StepTemplate, WorkflowTemplate } from '../catalog/index.js';
import type {
  DemoExecution,
  DemoIdentity,
  DemoWorkflow,
  DemoWorkflowDefinition,
  DemoWorkflowTrigger,
  IdentityRef,
} from '../types.js';
import type { ExecutionPlan } from '../history.js';
import type { Stamp } from './common.js';
import { WORKFLOW_AUTHORS, WORKFLOW_TEMPLATES } from '../catalog/index.js';
import { MS_PER_DAY, MS_PER_HOUR, formatTimestamp } from '../../time.js';
import { stampBetween } from './common.js';

export const EXECUTION_RETENTION_MS = 90 * MS_PER_DAY;

export interface SeededWorkflows {
  workflows: DemoWorkflow[];
  busiest: DemoWorkflow;
  /** Every execution, newest first, archived ones included. */
  executions: DemoExecution[];
  /** The executions inside the retention window, newest first. */
  retainedExecutions: DemoExecution[];
  /** Retained executions per workflow id. */
  byWorkflow: Map<string, DemoExecution[]>;
  /** What history generation needs per execution id. */
  plans: Map<string, ExecutionPlan>;
}

export function seedWorkflows(rng: Rng, now: number, identities: readonly DemoIdentity[]): SeededWorkflows {
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

  return { workflows, busiest, executions, retainedExecutions, byWorkflow, plans };
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
