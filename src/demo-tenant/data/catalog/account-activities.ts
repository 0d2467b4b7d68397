/** Vocabulary of account activities: types and their weights, comments, provisioning errors and warnings. */

export const ACCOUNT_ACTIVITY_TYPES = [
  'CloudAutomated',
  'IdentityAttributeUpdate',
  'appRequest',
  'LifecycleStateChange',
  'AccountStateUpdate',
  'AccountAttributeUpdate',
  'CloudPasswordRequest',
  'Attribute Synchronization Refresh',
  'Certification',
  'Identity Refresh',
  'Lifecycle Change Refresh',
] as const;
export const ACCOUNT_ACTIVITY_TYPE_WEIGHTS = [8, 10, 22, 8, 7, 9, 6, 6, 5, 14, 5] as const;

/** Activity types started by a person; the others are system activities without a requester. */
export const REQUESTED_ACTIVITY_TYPES = new Set<string>([
  'appRequest',
  'IdentityAttributeUpdate',
  'AccountStateUpdate',
  'AccountAttributeUpdate',
  'CloudPasswordRequest',
  'Certification',
]);

export const REQUEST_COMMENTS = [
  'Need this for the Q3 close.',
  'Joining the platform team next week.',
  'Covering for a colleague on leave.',
  'Required by the new audit process.',
  'Please expedite: customer escalation "ACME-4411".',
] as const;

export const REVIEW_COMMENTS = [
  'Approved, matches the role model.',
  'Approved for 90 days.',
  'Rejected: use the read-only profile instead.',
  'Not needed for this job function.',
  "Approved per manager's request.",
] as const;

export const PROVISIONING_ERRORS = [
  'sailpoint.connector.ConnectorException: java.lang.InterruptedException: Timeout waiting for response to message 0 from client 57a4ab97 after 60 seconds.',
  'sailpoint.connector.AuthenticationFailedException: Invalid credentials for the service account.',
  'Account "jdoe" is locked on the target system.',
] as const;

export const WARNINGS = ['Attribute sync skipped: value unchanged', 'Some warning, another warning'] as const;
