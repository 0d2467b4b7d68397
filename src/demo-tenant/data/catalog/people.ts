/** People and the things they hold access to: names, departments, titles, sources, roles, entitlements. A few
 * names carry quotes, apostrophes and non-ASCII on purpose: they must survive the gateway's escaping. */

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
