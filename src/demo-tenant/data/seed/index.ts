/**
 * The demo tenant's dataset from a seed and an anchor time: identities, then workflows and executions
 * (workflows.ts), trigger invocation statuses (invocations.ts) and account activities (activities.ts). The same
 * seed and `now` always give the same data, because every module draws from one PRNG in a fixed order;
 * common.ts holds the timestamp and slug helpers they share.
 */
import type { DemoData, DemoIdentity } from '../types.js';
import { IDENTITY_NAMES } from '../catalog/index.js';
import { buildHistory } from '../history.js';
import { createRng } from '../prng.js';
import { seedAccountActivities } from './activities.js';
import { asciiSlug, floor } from './common.js';
import { INVOCATION_STATUS_CAP, retainInvocationStatuses, seedInvocationStatuses } from './invocations.js';
import { seedWorkflows } from './workflows.js';

export { ACCOUNT_ACTIVITY_COUNT } from './activities.js';
export {
  INVOCATION_FAILURE_RETENTION_MS,
  INVOCATION_STATUS_CAP,
  INVOCATION_STATUS_COUNT,
  INVOCATION_SUCCESS_RETENTION_MS,
  retainInvocationStatuses,
} from './invocations.js';
export { EXECUTION_RETENTION_MS } from './workflows.js';

export interface SeedOptions {
  seed: number;
  /** Epoch ms the data is anchored to. */
  now: number;
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
  const { workflows, busiest, executions, retainedExecutions, byWorkflow, plans } = seedWorkflows(
    rng,
    now,
    identities,
  );
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
