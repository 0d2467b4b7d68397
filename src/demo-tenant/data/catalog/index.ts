/**
 * Fixed vocabulary of the demo tenant: people (people.ts), workflow templates (event-workflows.ts,
 * other-workflows.ts, built from workflow-steps.ts), triggers (triggers.ts) and account activities
 * (account-activities.ts). The seed only decides ids, times, counts and outcomes; names come from here so the
 * data reads like a real tenant. A few values carry quotes, apostrophes and non-ASCII on purpose: they must
 * survive the gateway's escaping and encoding.
 */
import type { WorkflowTemplate } from './workflow-steps.js';
import { EVENT_WORKFLOW_TEMPLATES } from './event-workflows.js';
import { OTHER_WORKFLOW_TEMPLATES } from './other-workflows.js';

export * from './people.js';
export * from './account-activities.js';
export * from './triggers.js';
export type { StepKind, StepTemplate, TriggerTemplate, WorkflowTemplate } from './workflow-steps.js';

/** Every workflow template, in the order the seed draws from (the order fixes the seeded ids). */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  ...EVENT_WORKFLOW_TEMPLATES,
  ...OTHER_WORKFLOW_TEMPLATES,
];
