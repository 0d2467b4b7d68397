/** The event triggers workflows and subscriptions listen to, and the errors a failed invocation reports. */

export interface TriggerSpec {
  id: string;
  name: string;
  /** Request-response triggers return an output; fire-and-forget ones do not. */
  requestResponse: boolean;
}

export const TRIGGERS: readonly TriggerSpec[] = [
  {
    id: 'idn:access-request-dynamic-approver',
    name: 'Access Request Dynamic Approver',
    requestResponse: true,
  },
  { id: 'idn:access-request-pre-approval', name: 'Access Request Pre Approval', requestResponse: true },
  { id: 'idn:access-request-post-approval', name: 'Access Request Decision', requestResponse: false },
  { id: 'idn:identity-attributes-changed', name: 'Identity Attributes Changed', requestResponse: false },
  { id: 'idn:identity-created', name: 'Identity Created', requestResponse: false },
  { id: 'idn:account-aggregation-completed', name: 'Account Aggregation Completed', requestResponse: false },
  { id: 'idn:source-created', name: 'Source Created', requestResponse: false },
  { id: 'idn:certification-signed-off', name: 'Certification Signed Off', requestResponse: false },
  { id: 'idn:saved-search-complete', name: 'Saved Search Complete', requestResponse: false },
  { id: 'idn:va-cluster-status-change', name: 'VA Cluster Status Change Event', requestResponse: false },
];

export const INVOCATION_ERRORS = [
  'Failed to invoke subscription: connection refused (https://hooks.example.com/sailpoint)',
  'Subscription response timed out after 10 seconds',
  "Invalid response payload: missing required field 'approved'",
  'HTTP 502 Bad Gateway from https://approvals.example.com/dynamic-approver',
] as const;
