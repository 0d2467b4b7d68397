import { type AccountActivityLoaders, createAccountActivityLoaders } from './account-activities/loaders.js';
import {
  type TriggerInvocationLoaders,
  createTriggerInvocationLoaders,
} from './trigger-invocations/loaders.js';
import type { UpstreamClient } from './upstream/types.js';
import { type WorkflowLoaders, createWorkflowLoaders } from './workflows/loaders.js';

/** Every DataLoader of one request. Built per request by the context function; never shared between callers. */
export type Loaders = WorkflowLoaders & TriggerInvocationLoaders & AccountActivityLoaders;

export function createLoaders(client: UpstreamClient): Loaders {
  return {
    ...createWorkflowLoaders(client),
    ...createTriggerInvocationLoaders(client),
    ...createAccountActivityLoaders(client),
  };
}
