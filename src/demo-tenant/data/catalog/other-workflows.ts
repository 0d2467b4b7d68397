/** Workflow templates started by a schedule or an external call, and a draft without a trigger. */
import type { WorkflowTemplate } from './workflow-steps.js';
import { email, getIdentity, http } from './workflow-steps.js';

export const OTHER_WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
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
