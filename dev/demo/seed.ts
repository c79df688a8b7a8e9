import type { JiraSite } from '../emulator/jira/site';
import { addDemoIncidents } from './dora-history';

/**
 * The demo site `npm start` and the browser tests run against. Account ids are fixed (shaped like
 * Atlassian's) so a choice in the user switcher, and anything the app stored for a user, survives
 * a restart.
 */
export const DEMO_USERS = {
  admin: { accountId: '712020:4d6f1c2a-0b7e-4e55-9c1a-5a1d00000001', displayName: 'Ada Admin', emailAddress: 'ada@example.com' },
  projectAdmin: { accountId: '712020:4d6f1c2a-0b7e-4e55-9c1a-5a1d00000002', displayName: 'Priya Lead', emailAddress: 'priya@example.com' },
  user: { accountId: '712020:4d6f1c2a-0b7e-4e55-9c1a-5a1d00000003', displayName: 'Uma User', emailAddress: 'uma@example.com' },
  /** A licensed Jira user who may browse no project: what the app shows someone with no access at all. */
  outsider: { accountId: '712020:4d6f1c2a-0b7e-4e55-9c1a-5a1d00000004', displayName: 'Otto Outsider', emailAddress: 'otto@example.com' },
} as const;

const DEMO_ISSUES: ReadonlyArray<readonly [summary: string, issuetype: string, status: string]> = [
  ['Checkout page times out when the basket has more than 50 items', 'Bug', 'Done'],
  ['Add retry with backoff to the payment gateway client', 'Story', 'Done'],
  ['Move session storage from Memcached to Redis', 'Task', 'Done'],
  ['Show estimated delivery date on the order summary', 'Story', 'Done'],
  ['Upgrade the API service to Node 22', 'Task', 'Done'],
  ['Password reset email links expire too early', 'Bug', 'Done'],
  ['Add a health check endpoint for the load balancer', 'Task', 'Done'],
  ['Search results ignore the selected language', 'Bug', 'Done'],
  ['Export orders as CSV from the admin console', 'Story', 'Done'],
  ['Rate-limit the public product API per API key', 'Story', 'Done'],
  ['Nightly report job fails on the first day of the month', 'Bug', 'Done'],
  ['Introduce feature flags for the new checkout flow', 'Story', 'In Review'],
  ['Cache product images at the CDN edge', 'Task', 'In Review'],
  ['Mobile menu does not close after navigation', 'Bug', 'In Review'],
  ['Record audit events for role changes', 'Story', 'In Progress'],
  ['Split the monolith build into per-service pipelines', 'Task', 'In Progress'],
  ['Currency rounding differs between cart and invoice', 'Bug', 'In Progress'],
  ['Add dark mode to the customer dashboard', 'Story', 'In Progress'],
  ['Migrate the staging database to PostgreSQL 16', 'Task', 'In Progress'],
  ['Slow query on the order history page', 'Bug', 'In Progress'],
  ['Let customers save more than one delivery address', 'Story', 'To Do'],
  ['Document the deployment rollback procedure', 'Task', 'To Do'],
  ['Webhook deliveries are retried without a limit', 'Bug', 'To Do'],
  ['Add end-to-end tests for the returns flow', 'Task', 'To Do'],
  ['Show stock levels on the product page', 'Story', 'To Do'],
  ['Cookie banner covers the checkout button on small screens', 'Bug', 'To Do'],
  ['Alert on-call when the error rate exceeds 2%', 'Story', 'To Do'],
  ['Remove the deprecated v1 pricing endpoint', 'Task', 'To Do'],
  ['Translate transactional emails into German and French', 'Story', 'To Do'],
  ['Timezone shown in order confirmations is always UTC', 'Bug', 'To Do'],
];

const OPS_ISSUES: ReadonlyArray<readonly [summary: string, issuetype: string, status: string]> = [
  ['Rotate the TLS certificates of the internal load balancers', 'Task', 'To Do'],
  ['Disk usage alert on the build agents', 'Bug', 'In Progress'],
  ['Patch the CI servers for the latest security advisory', 'Task', 'Done'],
  ['Post-incident review: checkout outage', 'Task', 'To Do'],
];

const DAY = 24 * 60 * 60 * 1000;

/** Seeds an empty site: DEMO (30 issues) that all but the outsider browse, and OPS that the plain user cannot see. */
export function seedDemoSite(site: JiraSite, now: number = Date.now()): void {
  const { admin, projectAdmin, user, outsider } = DEMO_USERS;
  site.addUser({ ...admin, admin: true });
  site.addUser(projectAdmin);
  site.addUser(user);
  site.addUser(outsider);

  site.addProject({
    key: 'DEMO',
    name: 'Demo project',
    lead: admin.accountId,
    description: 'A software team shipping a web shop, for trying Deploy Tracker locally.',
    roles: { [admin.accountId]: 'administrator', [projectAdmin.accountId]: 'administrator', [user.accountId]: 'viewer' },
  });
  DEMO_ISSUES.forEach(([summary, issuetype, status], i) => {
    // Older issues first, a day apart, so DEMO-1 is the oldest as in a real project.
    const created = now - (DEMO_ISSUES.length - i) * DAY;
    site.addIssue({ project: 'DEMO', summary, issuetype, status, created, updated: created + DAY / 2 });
  });

  site.addProject({
    key: 'OPS',
    name: 'Operations',
    lead: admin.accountId,
    description: 'Infrastructure work, restricted to the operations team.',
    roles: { [admin.accountId]: 'administrator', [projectAdmin.accountId]: 'developer' },
  });
  OPS_ISSUES.forEach(([summary, issuetype, status], i) => {
    const created = now - (OPS_ISSUES.length - i) * DAY;
    site.addIssue({ project: 'OPS', summary, issuetype, status, created, updated: created });
  });
  // The DORA page's incidents: DEMO-31 onwards, of type Incident (dora-history.ts).
  addDemoIncidents(site, now);
}
