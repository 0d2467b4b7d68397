/**
 * The demo tenant's data (this folder): the record shapes (this file), the fixed vocabulary (catalog/), the
 * seeded dataset (seed/, from one PRNG in prng.ts) and execution histories built on demand (history.ts).
 *
 * Shapes of the seeded records. They are exactly the JSON the tenant sends (no internal fields), written
 * against SailPoint's OpenAPI schemas rather than the gateway's DTOs, so a gateway bug cannot leak into its
 * own test upstream. Optional fields are omitted, never set to undefined.
 */

export interface DemoIdentity {
  /** 32 lowercase hex digits, like SailPoint identity ids. */
  id: string;
  name: string;
  email: string;
}

export interface IdentityRef {
  type: 'IDENTITY';
  id: string;
  name: string;
}

export interface DemoWorkflowTrigger {
  /** EVENT | EXTERNAL | SCHEDULED | "" (the empty string is in SailPoint's enum; used by a draft workflow) */
  type: 'EVENT' | 'EXTERNAL' | 'SCHEDULED' | '';
  displayName: string | null;
  attributes: Record<string, unknown> | null;
}

export interface DemoWorkflowDefinition {
  start: string;
  steps: Record<string, Record<string, unknown>>;
}

export interface DemoWorkflow {
  id: string;
  executionCount: number;
  failureCount: number;
  created: string;
  modified: string;
  modifiedBy: IdentityRef;
  creator: IdentityRef;
  name: string;
  owner: IdentityRef;
  description: string;
  definition: DemoWorkflowDefinition;
  enabled: boolean;
  trigger: DemoWorkflowTrigger;
}

export interface DemoExecution {
  id: string;
  workflowId: string;
  requestId: string;
  startTime: string;
  /** Absent while Queued/Running/Executing. */
  closeTime?: string;
  /** Completed | Failed | Canceled | Running | Queued, plus "Executing" (quirk Q3: reported, not in the enum). */
  status: string;
}

export interface DemoExecutionEvent {
  type: string;
  timestamp: string;
  attributes: Record<string, unknown>;
}

export interface DemoInvocationStatus {
  id: string;
  triggerId: string;
  subscriptionName: string;
  subscriptionId: string;
  type: 'TEST' | 'REAL_TIME';
  created: string;
  /** Absent while the invocation is in flight. */
  completed?: string;
  startInvocationInput: {
    triggerId: string;
    input: Record<string, unknown>;
    contentJson: Record<string, unknown>;
  };
  /** Absent while in flight; `localizedError` only on failed invocations. */
  completeInvocationInput?: {
    localizedError?: { locale: string; message: string };
    output: Record<string, unknown> | null;
  };
}

export interface DemoIdentitySummary {
  id: string;
  name: string;
  identityId: string;
  completed: boolean;
}

export interface DemoComment {
  commenterId: string;
  commenterName: string;
  body: string;
  date: string;
}

export interface DemoAccountActivityItem {
  id: string;
  name: string;
  requested: string;
  approvalStatus: string | null;
  provisioningStatus: string;
  requesterComment: DemoComment | null;
  reviewerIdentitySummary: DemoIdentitySummary | null;
  reviewerComment: DemoComment | null;
  operation: string | null;
  attribute: string | null;
  value: string | null;
  nativeIdentity: string | null;
  sourceId: string;
  accountRequestInfo: {
    requestedObjectId: string;
    requestedObjectName: string;
    requestedObjectType: 'ACCESS_PROFILE' | 'ROLE' | 'ENTITLEMENT';
  } | null;
  clientMetadata: Record<string, string> | null;
  removeDate: string | null;
}

export interface DemoAccountActivity {
  id: string;
  name: string;
  created: string;
  modified: string | null;
  completed: string | null;
  completionStatus: string | null;
  type: string | null;
  requesterIdentitySummary: DemoIdentitySummary | null;
  targetIdentitySummary: DemoIdentitySummary | null;
  errors: string[] | null;
  warnings: string[] | null;
  items: DemoAccountActivityItem[] | null;
  executionStatus: 'EXECUTING' | 'VERIFYING' | 'TERMINATED' | 'COMPLETED';
  clientMetadata: Record<string, string> | null;
}

/** The seeded dataset. Treat it as read-only: the tenant serves these very objects. */
export interface DemoData {
  readonly seed: number;
  /** Epoch ms the data is anchored to; retention windows are measured from it (the data clock stands still). */
  readonly now: number;
  readonly identities: readonly DemoIdentity[];
  /** Identity of the demo client (an org admin): requester or target of many account activities. */
  readonly adminIdentityId: string;
  readonly workflows: readonly DemoWorkflow[];
  /** Id of the workflow with the most executions (more than 600 within the 90-day window). */
  readonly busiestWorkflowId: string;
  /**
   * Every execution ever run, archived ones (older than 90 days) included, newest first. A workflow's
   * `executionCount`/`failureCount` count all of them, so they exceed what the list endpoint can return.
   */
  readonly executions: readonly DemoExecution[];
  /** Executions the API still serves (started within 90 days of `now`), newest first. */
  readonly retainedExecutions: readonly DemoExecution[];
  /** Retained executions of one workflow, newest first (the list endpoint's order). */
  executionsOf(workflowId: string): readonly DemoExecution[];
  /** History events of an execution, oldest first (generated on demand, deterministic). */
  historyOf(executionId: string): DemoExecutionEvent[];
  /** Every generated invocation status, including those past retention. Newest first. */
  readonly invocationStatuses: readonly DemoInvocationStatus[];
  /**
   * What the status endpoint serves: successful ones up to 24 h old, failed ones up to 48 h, in-flight ones,
   * at most 2000, newest first.
   */
  readonly retainedInvocationStatuses: readonly DemoInvocationStatus[];
  /** Oldest first (the list endpoint's default order). */
  readonly accountActivities: readonly DemoAccountActivity[];
}
