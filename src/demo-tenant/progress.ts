/**
 * Progression of the demo tenant's data (issue 11): per tick some in-flight executions move on (Queued to
 * Running, Running/Executing to Completed or Failed with a closeTime, the workflow's counts kept consistent), a
 * new execution starts for the busiest workflow, in-flight trigger invocations complete and a new one starts.
 * It mutates the dataset in place because the tenant serves these very objects (and the per-workflow lists are
 * shared by reference); the server rebuilds its lookup index after each tick.
 */
import type { Rng } from './data/prng.js';
import type { DemoData, DemoExecution, DemoInvocationStatus, DemoWorkflow } from './data/types.js';
import { INVOCATION_STATUS_CAP, retainInvocationStatuses } from './data/seed/index.js';
import { formatTimestamp } from './time.js';

export interface Progress {
  /** Executions started this tick (status Running). */
  started: DemoExecution[];
  /** Executions whose status changed this tick. */
  advanced: DemoExecution[];
  /** Invocations created this tick (in flight). */
  invoked: DemoInvocationStatus[];
  /** Invocations completed this tick. */
  completed: DemoInvocationStatus[];
}

const IN_FLIGHT = new Set(['Queued', 'Running', 'Executing']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function advance(data: DemoData, rng: Rng, nowMs: number): Progress {
  const progress: Progress = { started: [], advanced: [], invoked: [], completed: [] };
  const stamp = (precision: 3 | 9): string => formatTimestamp(nowMs, precision, rng.int(0, 999_999));
  const workflows = new Map<string, DemoWorkflow>(data.workflows.map((w) => [w.id, w]));

  // Oldest in-flight execution always moves on, the others half of the time.
  const inFlight = data.retainedExecutions.filter((e) => IN_FLIGHT.has(e.status)).reverse();
  inFlight.forEach((execution, i) => {
    if (i > 0 && !rng.chance(0.5)) return;
    const e = execution as Mutable<DemoExecution>;
    if (e.status === 'Queued') e.status = 'Running';
    else {
      e.status = rng.chance(0.85) ? 'Completed' : 'Failed';
      e.closeTime = stamp(9);
      if (e.status === 'Failed') {
        const workflow = workflows.get(e.workflowId) as Mutable<DemoWorkflow> | undefined;
        if (workflow) workflow.failureCount++;
      }
    }
    progress.advanced.push(execution);
  });

  // A new execution of the busiest workflow, newest first in every list the endpoints read.
  const busiest = workflows.get(data.busiestWorkflowId) as Mutable<DemoWorkflow> | undefined;
  if (busiest) {
    const execution: DemoExecution = {
      id: rng.uuid(),
      workflowId: busiest.id,
      requestId: rng.hex(32),
      startTime: stamp(9),
      status: 'Running',
    };
    busiest.executionCount++;
    (data.executions as DemoExecution[]).unshift(execution);
    (data.retainedExecutions as DemoExecution[]).unshift(execution);
    (data.executionsOf(busiest.id) as DemoExecution[]).unshift(execution);
    progress.started.push(execution);
  }

  // In-flight invocations complete (15% with an error); a new one starts, shaped like a recent one.
  for (const status of data.invocationStatuses) {
    if (status.completed !== undefined) continue;
    status.completed = stamp(3);
    status.completeInvocationInput = rng.chance(0.15)
      ? { localizedError: { locale: 'en-US', message: 'Subscriber did not respond in time' }, output: null }
      : { output: null };
    progress.completed.push(status);
  }
  const template = data.invocationStatuses[0];
  if (template) {
    const status: DemoInvocationStatus = {
      id: rng.uuid(),
      triggerId: template.triggerId,
      subscriptionName: template.subscriptionName,
      subscriptionId: template.subscriptionId,
      type: 'REAL_TIME',
      created: stamp(3),
      startInvocationInput: structuredClone(template.startInvocationInput),
    };
    (data.invocationStatuses as DemoInvocationStatus[]).unshift(status);
    progress.invoked.push(status);
  }
  const retained = data.retainedInvocationStatuses as DemoInvocationStatus[];
  retained.splice(
    0,
    retained.length,
    ...retainInvocationStatuses(data.invocationStatuses, data.now, INVOCATION_STATUS_CAP),
  );
  return progress;
}
