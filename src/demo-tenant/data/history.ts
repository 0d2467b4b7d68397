import type { StepTemplate } from './catalog/index.js';
import type { DemoExecution, DemoExecutionEvent } from './types.js';
import { createRng, hashString } from './prng.js';
import { formatTimestamp } from '../time.js';

/** Bound once: under Jest's vm context every global lookup (Math...) costs ~15x more, and seeding makes
 * hundreds of thousands of them. */
const { floor } = Math;

/** What history generation needs to know about one execution (kept aside, not served). */
export interface ExecutionPlan {
  execution: DemoExecution;
  workflowName: string;
  steps: readonly StepTemplate[];
  startMs: number;
  startSubNs: number;
  /** Close time, or for unfinished executions the time of the last event so far. */
  endMs: number;
  endSubNs: number;
}

const RUNNING_STATUSES = new Set(['Running', 'Executing']);

/**
 * Temporal-style event log of one execution, oldest first, derived only from the seed and the execution id.
 * Generated on demand: seeding the events of thousands of executions up front would cost most of the
 * startup budget. Loop steps emit three events per iteration, so some executions have several hundred events
 * (the history endpoint pages at 250).
 */
export function buildHistory(seed: number, plan: ExecutionPlan): DemoExecutionEvent[] {
  const rng = createRng(hashString(plan.execution.id, seed >>> 0));
  const { execution } = plan;
  const kinds: { type: string; attributes: Record<string, unknown> }[] = [];
  const push = (type: string, attributes: Record<string, unknown> = {}): void => {
    kinds.push({ type, attributes });
  };
  push('WorkflowExecutionScheduled', { workflowName: plan.workflowName, requestId: execution.requestId });
  if (execution.status !== 'Queued') {
    push('WorkflowExecutionStarted', { workflowId: execution.workflowId });
    const failAt = execution.status === 'Failed' ? rng.int(0, plan.steps.length - 1) : -1;
    const stopAt =
      execution.status === 'Canceled' || RUNNING_STATUSES.has(execution.status)
        ? rng.int(0, plan.steps.length - 1)
        : -1;
    let finished = true;
    for (let i = 0; i < plan.steps.length; i++) {
      const step = plan.steps[i] as StepTemplate;
      push('WorkflowTaskScheduled');
      push('WorkflowTaskStarted');
      push('WorkflowTaskCompleted');
      if (i === stopAt && execution.status === 'Canceled') {
        finished = false;
        break;
      }
      if (step.kind === 'loop') {
        const iterations = rng.chance(0.12) ? rng.int(90, 130) : rng.int(1, 12);
        for (let n = 0; n < iterations; n++) {
          const child = { displayName: step.name, iteration: n, childWorkflowId: rng.uuid() };
          push('StartChildWorkflowExecutionInitiated', child);
          push('ChildWorkflowExecutionStarted', child);
          if (i === failAt && n === iterations - 1) {
            push('ChildWorkflowExecutionFailed', {
              ...child,
              error: 'Account operation failed: target system unavailable',
            });
          } else {
            push('ChildWorkflowExecutionCompleted', child);
          }
        }
      } else {
        const activityId = rng.hex(12);
        push('ActivityTaskScheduled', {
          activityId,
          displayName: step.name,
          actionId: step.actionId,
          input: step.attributes,
        });
        push('ActivityTaskStarted', { activityId });
        if (i === stopAt) {
          finished = false;
          break;
        }
        if (i === failAt) {
          push('ActivityTaskFailed', {
            activityId,
            error: `${step.actionId} failed: HTTP 503 from downstream service`,
          });
        } else {
          push('ActivityTaskCompleted', { activityId, result: { status: 'ok' } });
        }
      }
      if (i === failAt) {
        push('WorkflowExecutionFailed', { error: `Step '${step.name}' failed` });
        finished = false;
        break;
      }
    }
    if (finished && execution.status === 'Completed') push('WorkflowExecutionCompleted', { output: {} });
  }

  // Spread the events over [start, end]; the first sits exactly at startTime, a terminal one at closeTime.
  const spanNs = Math.max(0, (plan.endMs - plan.startMs) * 1e6 + plan.endSubNs - plan.startSubNs);
  const offsets: number[] = [0];
  for (let i = 1; i < kinds.length; i++) offsets.push(floor(rng.next() * spanNs));
  offsets.sort((a, b) => a - b);
  if (execution.closeTime !== undefined && kinds.length > 1) offsets[offsets.length - 1] = spanNs;
  return kinds.map((k, i) => {
    const total = plan.startSubNs + (offsets[i] ?? 0);
    const ms = plan.startMs + floor(total / 1e6);
    return { type: k.type, timestamp: formatTimestamp(ms, 9, total % 1e6), attributes: k.attributes };
  });
}
