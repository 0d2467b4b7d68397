/** Workflow templates started by an event trigger (identity lifecycle, access requests, sources, certifications). */
import type { WorkflowTemplate } from './workflow-steps.js';
import { email, getIdentity, http } from './workflow-steps.js';

export const EVENT_WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
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
];
