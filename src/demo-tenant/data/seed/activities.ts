/** Account activities over the last year: requests, certifications, refreshes and their items. */
import type { Rng } from '../prng.js';
import type {
  DemoAccountActivity,
  DemoAccountActivityItem,
  DemoComment,
  DemoIdentity,
  DemoIdentitySummary,
} from '../types.js';
import {
  ACCESS_PROFILES,
  ACCOUNT_ACTIVITY_TYPES,
  ACCOUNT_ACTIVITY_TYPE_WEIGHTS,
  DEPARTMENTS,
  ENTITLEMENTS,
  PROVISIONING_ERRORS,
  REQUESTED_ACTIVITY_TYPES,
  REQUEST_COMMENTS,
  REVIEW_COMMENTS,
  ROLES,
  SOURCES,
  TITLES,
  WARNINGS,
} from '../catalog/index.js';
import { MS_PER_DAY, MS_PER_HOUR, formatTimestamp } from '../../time.js';
import { asciiSlug, floor } from './common.js';

export const ACCOUNT_ACTIVITY_COUNT = 3000;
const RUNNING_ACTIVITIES = 8;

export function seedAccountActivities(
  rng: Rng,
  now: number,
  identities: readonly DemoIdentity[],
): DemoAccountActivity[] {
  const admin = identities[0] as DemoIdentity;
  const sourceIds = SOURCES.map(() => rng.hex(32));
  const summary = (identity: DemoIdentity, completed: boolean): DemoIdentitySummary => ({
    id: rng.hex(32),
    name: identity.name,
    identityId: identity.id,
    completed,
  });
  const comment = (identity: DemoIdentity, body: string, atMs: number): DemoComment => ({
    commenterId: identity.id,
    commenterName: identity.name,
    body,
    date: formatTimestamp(atMs, 3),
  });

  const out: { ms: number; activity: DemoAccountActivity }[] = [];
  for (let i = 0; i < ACCOUNT_ACTIVITY_COUNT; i++) {
    // The first few are recent and still running, so every seed has unfinished activities.
    const running = i < RUNNING_ACTIVITIES;
    const createdMs = running
      ? floor(now - 2 * MS_PER_HOUR + rng.next() * (2 * MS_PER_HOUR - 60_000))
      : floor(now - 365 * MS_PER_DAY + rng.next() * (365 * MS_PER_DAY - 60_000));
    const type: string | null = rng.chance(0.004)
      ? null
      : rng.weighted(ACCOUNT_ACTIVITY_TYPES, ACCOUNT_ACTIVITY_TYPE_WEIGHTS);
    const executionStatus: DemoAccountActivity['executionStatus'] = running
      ? i % 2 === 0
        ? 'EXECUTING'
        : 'VERIFYING'
      : rng.chance(0.93)
        ? 'COMPLETED'
        : 'TERMINATED';
    const done = executionStatus === 'COMPLETED' || executionStatus === 'TERMINATED';
    const completionStatus: string | null =
      executionStatus === 'COMPLETED'
        ? rng.weighted(['SUCCESS', 'FAILURE', 'INCOMPLETE'] as const, [85, 8, 7] as const)
        : executionStatus === 'TERMINATED'
          ? rng.pick(['FAILURE', 'INCOMPLETE'])
          : rng.chance(0.6)
            ? 'PENDING'
            : null;
    const completedMs = done ? Math.min(createdMs + rng.int(1000, 2 * MS_PER_DAY), now - 1000) : null;
    const modifiedMs = rng.chance(0.06) ? null : (completedMs ?? createdMs + rng.int(0, 60_000));
    const target = rng.chance(0.12) ? admin : rng.pick(identities);
    const requester =
      type !== null && REQUESTED_ACTIVITY_TYPES.has(type)
        ? rng.chance(0.35)
          ? admin
          : rng.pick(identities)
        : null;
    const id = rng.hex(32);
    const failed = completionStatus === 'FAILURE';

    const items: DemoAccountActivityItem[] = [];
    const itemCount = itemCountFor(rng, type);
    for (let n = 0; n < itemCount; n++) {
      const sourceIndex = rng.int(0, SOURCES.length - 1);
      const base: DemoAccountActivityItem = {
        id: rng.hex(32),
        name: '',
        requested: formatTimestamp(createdMs, 3),
        approvalStatus: null,
        provisioningStatus: provisioningFor(rng, completionStatus),
        requesterComment: null,
        reviewerIdentitySummary: null,
        reviewerComment: null,
        operation: null,
        attribute: null,
        value: null,
        nativeIdentity:
          sourceIndex === 0
            ? `CN=${asciiSlug(target.name, ' ')},OU=Users,DC=corp,DC=example,DC=com`
            : asciiSlug(target.name, '.'),
        sourceId: sourceIds[sourceIndex] as string,
        accountRequestInfo: null,
        clientMetadata: null,
        removeDate: null,
      };
      base.name = base.id;
      fillItem(rng, base, type, completionStatus);
      if (type === 'appRequest' || type === 'Certification') {
        const reviewer = rng.pick(identities);
        if (requester && type === 'appRequest')
          base.requesterComment = comment(requester, rng.pick(REQUEST_COMMENTS), createdMs);
        if (base.approvalStatus !== 'PENDING' && base.approvalStatus !== null) {
          base.reviewerIdentitySummary = summary(reviewer, true);
          base.reviewerComment = comment(
            reviewer,
            rng.pick(REVIEW_COMMENTS),
            createdMs + rng.int(60_000, MS_PER_DAY),
          );
        }
      }
      items.push(base);
    }

    const activity: DemoAccountActivity = {
      id,
      name: id,
      created: formatTimestamp(createdMs, 3),
      modified: modifiedMs === null ? null : formatTimestamp(modifiedMs, 3),
      completed: completedMs === null ? null : formatTimestamp(completedMs, 3),
      completionStatus,
      type,
      requesterIdentitySummary: requester ? summary(requester, true) : null,
      targetIdentitySummary: summary(target, done),
      errors: rng.chance(0.03) ? null : failed ? [rng.pick(PROVISIONING_ERRORS)] : [],
      warnings: rng.chance(0.03) ? null : rng.chance(0.1) ? [rng.pick(WARNINGS)] : [],
      items: type !== 'appRequest' && rng.chance(0.02) ? null : items,
      executionStatus,
      clientMetadata:
        type === 'appRequest' && rng.chance(0.6)
          ? {
              requestedAppName: rng.pick(SOURCES),
              requestedAppId: rng.hex(32),
              ticket: `REQ${rng.int(100000, 999999)}`,
            }
          : null,
    };
    out.push({ ms: createdMs, activity });
  }
  out.sort((a, b) => a.ms - b.ms);
  return out.map((o) => o.activity);
}

function itemCountFor(rng: Rng, type: string | null): number {
  switch (type) {
    case 'appRequest':
      return rng.int(1, 3);
    case 'Certification':
    case 'AccountAttributeUpdate':
      return rng.int(1, 2);
    case 'CloudAutomated':
    case 'LifecycleStateChange':
      return rng.int(1, 3);
    case 'Identity Refresh':
    case 'Attribute Synchronization Refresh':
    case 'Lifecycle Change Refresh':
      return rng.int(0, 3);
    case null:
      return 0;
    default:
      return 1;
  }
}

function provisioningFor(rng: Rng, completionStatus: string | null): string {
  switch (completionStatus) {
    case 'SUCCESS':
      return rng.chance(0.9) ? 'FINISHED' : 'COMMITED';
    case 'FAILURE':
      return 'FAILED';
    case 'INCOMPLETE':
      return rng.pick(['UNVERIFIABLE', 'RETRY']);
    default:
      return 'PENDING';
  }
}

function approvalFor(rng: Rng, completionStatus: string | null): string | null {
  switch (completionStatus) {
    case 'SUCCESS':
      return 'FINISHED';
    case 'FAILURE':
      return rng.chance(0.5) ? 'REJECTED' : 'FINISHED';
    case 'INCOMPLETE':
      return rng.pick(['EXPIRED', 'CANCELED', 'RETURNED']);
    case 'PENDING':
      return 'PENDING';
    default:
      return null;
  }
}

function fillItem(
  rng: Rng,
  item: DemoAccountActivityItem,
  type: string | null,
  completionStatus: string | null,
): void {
  switch (type) {
    case 'appRequest': {
      const kind = rng.weighted(['ROLE', 'ACCESS_PROFILE', 'ENTITLEMENT'] as const, [4, 4, 2] as const);
      const objectName = rng.pick(
        kind === 'ROLE' ? ROLES : kind === 'ACCESS_PROFILE' ? ACCESS_PROFILES : ENTITLEMENTS,
      );
      item.operation = rng.chance(0.85) ? 'ADD' : 'REMOVE';
      item.attribute =
        kind === 'ROLE' ? 'assignedRoles' : kind === 'ACCESS_PROFILE' ? 'accessProfiles' : 'memberOf';
      item.value = objectName;
      item.approvalStatus = approvalFor(rng, completionStatus);
      item.accountRequestInfo = {
        requestedObjectId: rng.hex(32),
        requestedObjectName: objectName,
        requestedObjectType: kind,
      };
      if (rng.chance(0.3)) item.clientMetadata = { requestedAppName: 'Access Request UI' };
      if (rng.chance(0.15)) {
        const days = rng.int(30, 365);
        item.removeDate = `${new Date(Date.parse(item.requested) + days * MS_PER_DAY).toISOString().slice(0, 10)}T00:00:00Z`;
      }
      return;
    }
    case 'Certification':
      item.operation = 'REMOVE';
      item.attribute = 'memberOf';
      item.value = rng.pick(ENTITLEMENTS);
      item.approvalStatus = approvalFor(rng, completionStatus);
      return;
    case 'AccountStateUpdate':
      item.operation = rng.pick(['DISABLE', 'ENABLE', 'LOCK', 'UNLOCK']);
      return;
    case 'AccountAttributeUpdate':
      item.operation = rng.pick(['MODIFY', 'SET']);
      item.attribute = rng.pick(['title', 'department', 'telephoneNumber']);
      item.value = item.attribute === 'title' ? rng.pick(TITLES) : rng.pick(DEPARTMENTS);
      return;
    case 'IdentityAttributeUpdate':
      item.operation = 'SET';
      item.attribute = rng.pick(['department', 'title']);
      item.value = item.attribute === 'title' ? rng.pick(TITLES) : rng.pick(DEPARTMENTS);
      return;
    case 'CloudPasswordRequest':
      item.operation = 'MODIFY';
      item.attribute = 'password';
      return;
    case 'CloudAutomated':
    case 'LifecycleStateChange':
      item.operation = rng.pick(['DISABLE', 'ENABLE', 'CREATE', 'DELETE']);
      return;
    default: {
      const role = rng.pick(ROLES);
      item.operation = rng.pick(['ADD', 'REMOVE']);
      item.attribute = 'detectedRoles';
      item.value = `${role} [Role-${rng.int(1_500_000_000_000, 1_700_000_000_000)}]`;
    }
  }
}
