/**
 * Fixed vocabulary of the demo tenant: people, workflows, sources, triggers. The seed only decides ids,
 * times, counts and outcomes; names come from here so the data reads like a real tenant. A few values carry
 * quotes, apostrophes and non-ASCII on purpose: they must survive the gateway's escaping and encoding.
 */

export const IDENTITY_NAMES = [
  'Morgan Reyes',
  'Priya Natarajan',
  'Tomasz Kowalski',
  'Aiko Tanaka',
  'Lars Eriksen',
  'Fatima Haddad',
  'Daniel Okafor',
  'Sofia Márquez',
  'Noah Fischer',
  'Chloé Martin',
  'Renée "Ren" O\'Brien',
  'Kwame Mensah',
] as const;

/** Indices into IDENTITY_NAMES of the people who build workflows (the admin first). */
export const WORKFLOW_AUTHORS = [0, 1, 2, 3, 4] as const;

export const SOURCES = [
  'Active Directory',
  'Workday',
  'ServiceNow',
  'Salesforce',
  'GitHub Enterprise',
  'Okta',
  'SAP ECC',
  'Entra ID',
] as const;

export const ROLES = [
  'Treasury Analyst',
  'Finance Approver',
  'Sales Representative',
  'Software Engineer',
  'Help Desk Tier 1',
  'Payroll Administrator',
  'Data Scientist',
  'Procurement Buyer',
] as const;

export const ACCESS_PROFILES = [
  'GitHub - Developers',
  'Salesforce - Read Only',
  'AD - VPN Users',
  'SAP - AP Clerk',
  'ServiceNow - ITIL',
  'Workday - Manager Self Service',
] as const;

export const ENTITLEMENTS = [
  'CN=VPN Users,OU=Groups,DC=corp,DC=example,DC=com',
  'CN=Finance-RW,OU=Groups,DC=corp,DC=example,DC=com',
  'github:org:engineering',
  'sf:profile:Standard User',
  'SAP:Z_AP_CLERK',
  'okta:group:Everyone',
] as const;

export const DEPARTMENTS = [
  'Finance',
  'Engineering',
  'Sales',
  'Human Resources',
  'Legal',
  'Operations',
] as const;
export const TITLES = [
  'Analyst',
  'Senior Engineer',
  'Account Executive',
  'HR Partner',
  'Counsel',
  'Manager',
] as const;

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

export type StepKind = 'action' | 'loop' | 'operator';

export interface StepTemplate {
  name: string;
  actionId: string;
  kind?: StepKind;
  attributes: Record<string, unknown>;
}

export type TriggerTemplate =
  | { type: 'EVENT'; displayName: string; attributes: Record<string, unknown> }
  | { type: 'EXTERNAL'; displayName: string; description: string }
  | { type: 'SCHEDULED'; displayName: string; attributes: Record<string, unknown> }
  | { type: '' };

export interface WorkflowTemplate {
  name: string;
  description: string;
  trigger: TriggerTemplate;
  steps: StepTemplate[];
  /** Name suffixes; each makes one workflow. */
  variants: readonly string[];
  /** Relative execution volume (0 = never ran). */
  rate: number;
  enabled?: boolean;
  /** The one workflow with more than 600 executions in the retention window. */
  busiest?: boolean;
}

const email = (subject: string, to = '$.identity.id'): StepTemplate => ({
  name: 'Send Email',
  actionId: 'sp:send-email',
  attributes: {
    'recipientId.$': to,
    subject,
    body: `Hello, ${subject.toLowerCase()}.`,
    from: 'no-reply@example.com',
  },
});
const getIdentity: StepTemplate = {
  name: 'Get Identity',
  actionId: 'sp:get-identity',
  attributes: { 'id.$': '$.trigger.identity.id' },
};
const http = (name: string, url: string): StepTemplate => ({
  name,
  actionId: 'sp:http',
  attributes: { method: 'post', url, requestContentType: 'json', authenticationType: 'OAuth' },
});

export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    name: 'Notify manager of manager change',
    description: "Emails the old and new manager when an identity's manager attribute changes.",
    trigger: {
      type: 'EVENT',
      displayName: 'Identity Attributes Changed',
      attributes: {
        id: 'idn:identity-attributes-changed',
        'filter.$': "$.changes[?(@.attribute == 'manager')]",
        description: "Triggered when an identity's manager attribute changes",
      },
    },
    steps: [
      getIdentity,
      {
        name: 'Get Manager',
        actionId: 'sp:get-identity',
        attributes: { 'id.$': '$.getIdentity.managerRef.id' },
      },
      email('Your team changed', '$.getManager.id'),
    ],
    variants: ['', 'Contractors'],
    rate: 0.3,
  },
  {
    name: 'Department change notification',
    description: 'Tells the identity and HR about a department change.',
    trigger: {
      type: 'EVENT',
      displayName: 'Identity Attributes Changed',
      attributes: {
        id: 'idn:identity-attributes-changed',
        'filter.$': "$.changes[?(@.attribute == 'department')]",
      },
    },
    steps: [getIdentity, email('Your department changed')],
    variants: ['AMER', 'EMEA', 'DACH – Zürich'],
    rate: 0.25,
  },
  {
    name: 'Leaver - disable all accounts',
    description: 'Disables every account of an identity whose lifecycle state becomes inactive.',
    trigger: {
      type: 'EVENT',
      displayName: 'Identity Attributes Changed',
      attributes: {
        id: 'idn:identity-attributes-changed',
        attributeToFilter: 'cloudLifecycleState',
        'filter.$': "$.changes[?(@.attribute == 'cloudLifecycleState' && @.newValue == 'inactive')]",
      },
    },
    steps: [
      {
        name: 'Get Accounts',
        actionId: 'sp:get-accounts',
        attributes: { 'identityId.$': '$.trigger.identity.id' },
      },
      {
        name: 'Disable Accounts',
        actionId: 'sp:loop:iterator',
        kind: 'loop',
        attributes: { 'input.$': '$.getAccounts.accounts', start: 'Disable Account' },
      },
      email('Accounts disabled', '$.trigger.identity.managerRef.id'),
    ],
    variants: ['AMER', 'EMEA', 'APAC'],
    rate: 0.6,
  },
  {
    name: 'Joiner - welcome email and onboarding ticket',
    description: 'Welcomes new hires and opens an onboarding ticket in ServiceNow.',
    trigger: {
      type: 'EVENT',
      displayName: 'Identity Created',
      attributes: { id: 'idn:identity-created', description: 'Triggered when a new identity is created' },
    },
    steps: [
      getIdentity,
      email('Welcome aboard'),
      http('Create Onboarding Ticket', 'https://example.service-now.com/api/now/table/incident'),
    ],
    variants: ['AMER', 'EMEA', 'APAC'],
    rate: 0.8,
    busiest: true,
  },
  {
    name: 'Access request dynamic approver',
    description: 'Picks the cost-center owner as an extra approver for finance roles.',
    trigger: {
      type: 'EVENT',
      displayName: 'Access Request Dynamic Approver',
      attributes: { id: 'idn:access-request-dynamic-approver' },
    },
    steps: [
      getIdentity,
      {
        name: 'Is Finance Role',
        actionId: 'sp:compare-strings',
        kind: 'operator',
        attributes: {
          'variableA.$': '$.trigger.requestedItems[0].name',
          operator: 'contains',
          variableB: 'Finance',
        },
      },
      http('Lookup Cost Center Owner', 'https://erp.example.com/api/cost-centers/owner'),
    ],
    variants: ['', 'Sandbox'],
    rate: 0.5,
  },
  {
    name: 'Post-approval Slack notification',
    description: 'Posts approved access requests to the #access-requests channel.',
    trigger: {
      type: 'EVENT',
      displayName: 'Access Request Decision',
      attributes: { id: 'idn:access-request-post-approval' },
    },
    steps: [http('Post To Slack', 'https://hooks.slack.example.com/services/T000/B000/XXXX')],
    variants: ['', 'Teams'],
    rate: 0.5,
  },
  {
    name: 'Aggregation failure alert',
    description: 'Opens an incident when an account aggregation ends in error.',
    trigger: {
      type: 'EVENT',
      displayName: 'Account Aggregation Completed',
      attributes: { id: 'idn:account-aggregation-completed', 'filter.$': "$[?(@.status == 'Error')]" },
    },
    steps: [
      email('Aggregation failed', '$.trigger.source.owner.id'),
      http('Create Incident', 'https://example.service-now.com/api/now/table/incident'),
    ],
    variants: ['Active Directory', 'Workday', 'SAP ECC'],
    rate: 0.2,
  },
  {
    name: 'Notify "Security" channel on new source',
    description: 'Security reviews every new source connection.',
    trigger: { type: 'EVENT', displayName: 'Source Created', attributes: { id: 'idn:source-created' } },
    steps: [http('Post To Security Channel', 'https://hooks.slack.example.com/services/T000/B111/YYYY')],
    variants: [''],
    rate: 0.05,
  },
  {
    name: 'Certification sign-off follow-up',
    description: 'Emails reviewers a summary after a certification is signed off.',
    trigger: {
      type: 'EVENT',
      displayName: 'Certification Signed Off',
      attributes: { id: 'idn:certification-signed-off' },
    },
    steps: [
      {
        name: 'Get Certification',
        actionId: 'sp:get-certification',
        attributes: { 'certificationId.$': '$.trigger.certification.id' },
      },
      email('Certification signed off', '$.trigger.certification.reviewer.id'),
    ],
    variants: ['', 'Quarterly'],
    rate: 0.1,
  },
  {
    name: 'VA cluster health alert',
    description: 'Pages the on-call engineer when a virtual appliance cluster is unhealthy.',
    trigger: {
      type: 'EVENT',
      displayName: 'VA Cluster Status Change Event',
      attributes: {
        id: 'idn:va-cluster-status-change',
        'filter.$': "$[?(@.healthCheckResult.status == 'Failed')]",
      },
    },
    steps: [http('Page On-Call', 'https://events.pagerduty.example.com/v2/enqueue')],
    variants: ['Production', 'Staging'],
    rate: 0.15,
  },
  {
    name: 'Saved search results to Teams',
    description: 'Shares scheduled search results with the audit team.',
    trigger: {
      type: 'EVENT',
      displayName: 'Saved Search Complete',
      attributes: { id: 'idn:saved-search-complete' },
    },
    steps: [http('Post To Teams', 'https://example.webhook.office.com/webhookb2/abc')],
    variants: ['Audit', "Ren's team"],
    rate: 0.1,
  },
  {
    name: 'Admin access request form',
    description: 'Routes the admin access request form to the security team.',
    trigger: {
      type: 'EVENT',
      displayName: 'Form Submitted',
      attributes: { id: 'idn:form-submitted', formDefinitionId: 'Admin_Access_Request_Form' },
    },
    steps: [
      {
        name: 'Get Form Data',
        actionId: 'sp:get-form-data',
        attributes: { 'formInstanceId.$': '$.trigger.formInstanceId' },
      },
      email('Admin access requested', '$.trigger.submittedBy.id'),
    ],
    variants: [''],
    rate: 0.05,
  },
  {
    name: 'Nightly orphan account report',
    description: 'Finds accounts without an owner and notifies each source owner.',
    trigger: {
      type: 'SCHEDULED',
      displayName: 'Scheduled Trigger',
      attributes: { frequency: 'daily', timeZone: 'America/Chicago', cronString: '0 2 * * *' },
    },
    steps: [
      {
        name: 'Search Orphans',
        actionId: 'sp:search:query',
        attributes: { query: 'uncorrelated:true', indices: ['accounts'] },
      },
      {
        name: 'Notify Owners',
        actionId: 'sp:loop:iterator',
        kind: 'loop',
        attributes: { 'input.$': '$.searchOrphans.results', start: 'Send Owner Email' },
      },
      email('Orphan account summary', '2c9180835d2e5168015d32f890ca1581'),
    ],
    variants: ['', 'EMEA', 'APAC'],
    rate: 0.15,
  },
  {
    name: 'Weekly certification reminder',
    description: 'Reminds reviewers of open certification items.',
    trigger: {
      type: 'SCHEDULED',
      displayName: 'Scheduled Trigger',
      attributes: {
        frequency: 'weekly',
        timeZone: 'Europe/Berlin',
        weeklyDays: ['Monday', 'Thursday'],
        weeklyTimes: ['09:00'],
      },
    },
    steps: [
      {
        name: 'List Open Certifications',
        actionId: 'sp:get-certifications',
        attributes: { phase: 'ACTIVE' },
      },
      email('Open certification items'),
    ],
    variants: ['', 'Managers'],
    rate: 0.05,
  },
  {
    name: 'Monthly dormant account cleanup',
    description: 'Disables accounts without a login for 90 days.',
    trigger: {
      type: 'SCHEDULED',
      displayName: 'Scheduled Trigger',
      attributes: { frequency: 'monthly', timeZone: 'UTC', cronString: '0 6 1 * *' },
    },
    steps: [
      {
        name: 'Search Dormant',
        actionId: 'sp:search:query',
        attributes: { query: 'attributes.lastLogon:<now-90d' },
      },
      {
        name: 'Disable Dormant',
        actionId: 'sp:loop:iterator',
        kind: 'loop',
        attributes: { 'input.$': '$.searchDormant.results', start: 'Disable Account' },
      },
    ],
    variants: [''],
    rate: 0.02,
  },
  {
    name: 'Yearly access review kickoff',
    description: 'Starts the annual manager certification campaign.',
    trigger: {
      type: 'SCHEDULED',
      displayName: 'Scheduled Trigger',
      attributes: {
        frequency: 'yearly',
        timeZone: 'America/New_York',
        yearlyTimes: ['1970-01-15T09:00:00.000Z'],
      },
    },
    steps: [http('Create Campaign', 'https://example.api.identitynow.com/v2025/campaigns')],
    variants: ['', 'SOX'],
    rate: 0,
  },
  {
    name: 'ServiceNow CMDB sync',
    description: 'Pushes identity changes to the CMDB every 15 minutes.',
    trigger: {
      type: 'SCHEDULED',
      displayName: 'Scheduled Trigger',
      attributes: { frequency: 'cronSchedule', timeZone: 'UTC', cronString: '*/15 * * * *' },
    },
    steps: [
      {
        name: 'Search Changed Identities',
        actionId: 'sp:search:query',
        attributes: { query: 'modified:>now-15m' },
      },
      http('Push To CMDB', 'https://example.service-now.com/api/now/import/u_identities'),
    ],
    variants: [''],
    rate: 0.7,
  },
  {
    name: 'ServiceNow ticket callback',
    description: 'Closes the loop when ServiceNow fulfils a manual provisioning task.',
    trigger: {
      type: 'EXTERNAL',
      displayName: 'External Trigger',
      description: 'Called by ServiceNow when a task closes',
    },
    steps: [
      {
        name: 'Manage Account',
        actionId: 'sp:manage-account',
        attributes: { 'accountId.$': '$.trigger.accountId', operation: 'enable' },
      },
    ],
    variants: ['', 'Sandbox'],
    rate: 0.3,
  },
  {
    name: 'HR rehire webhook',
    description: 'Re-enables accounts when the HR system reports a rehire.',
    trigger: { type: 'EXTERNAL', displayName: 'External Trigger', description: 'Workday rehire integration' },
    steps: [
      getIdentity,
      {
        name: 'Enable Accounts',
        actionId: 'sp:loop:iterator',
        kind: 'loop',
        attributes: { 'input.$': '$.getIdentity.accounts', start: 'Enable Account' },
      },
    ],
    variants: [''],
    rate: 0.05,
  },
  {
    name: 'Bulk role assignment API',
    description: 'Lets the PMO assign project roles in bulk from its own tool.',
    trigger: {
      type: 'EXTERNAL',
      displayName: 'External Trigger',
      description: 'Project management office integration',
    },
    steps: [
      {
        name: 'Assign Roles',
        actionId: 'sp:loop:iterator',
        kind: 'loop',
        attributes: { 'input.$': '$.trigger.assignments', start: 'Request Access' },
      },
    ],
    variants: [''],
    rate: 0.1,
    enabled: false,
  },
  {
    name: 'Draft - provisioning completed audit',
    description: 'Work in progress: no trigger chosen yet.',
    trigger: { type: '' },
    steps: [http('Write Audit Record', 'https://audit.example.com/api/records')],
    variants: [''],
    rate: 0,
    enabled: false,
  },
];
