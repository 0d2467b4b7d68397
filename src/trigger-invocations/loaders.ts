import DataLoader from 'dataloader';
import { type ListLoader, byIdFromList, createListLoader, once } from '../pagination/list-loader.js';
import { UPSTREAM_MAX_LIMIT, toUpstreamWindows } from '../pagination/plan.js';
import type { InvocationStatusDto, ListQuery, UpstreamClient } from '../upstream/types.js';

/** SailPoint returns at most 2,000 statuses (UPSTREAM.md section 3); the cap guards against it ignoring that. */
const MAX_STATUSES = 5000;

export interface TriggerInvocationLoaders {
  triggerInvocationStatusList: ListLoader<ListQuery, InvocationStatusDto>;
  /** There is no by-id endpoint: the first load reads the whole (bounded) status list once and indexes it. */
  triggerInvocationStatusById: DataLoader<string, InvocationStatusDto | null>;
}

export function createTriggerInvocationLoaders(client: UpstreamClient): TriggerInvocationLoaders {
  const list = createListLoader<ListQuery, InvocationStatusDto>((query) =>
    client.listTriggerInvocationStatuses(query),
  );
  const all = once(async () => {
    // The counted first page tells how many windows remain, so the rest are fetched concurrently.
    const first = await list.load({ offset: 0, limit: UPSTREAM_MAX_LIMIT, count: true });
    const items = first.items.slice(0, UPSTREAM_MAX_LIMIT);
    if (items.length < UPSTREAM_MAX_LIMIT) return items;
    if (first.totalCount !== undefined) {
      const rest = toUpstreamWindows(UPSTREAM_MAX_LIMIT, Math.min(first.totalCount, MAX_STATUSES));
      const pages = await Promise.all(rest.map((window) => list.load(window)));
      pages.forEach((page, i) => items.push(...page.items.slice(0, rest[i]?.limit ?? 0)));
      return items;
    }
    while (items.length < MAX_STATUSES) {
      const page = await list.load({ offset: items.length, limit: UPSTREAM_MAX_LIMIT });
      items.push(...page.items.slice(0, UPSTREAM_MAX_LIMIT));
      if (page.items.length < UPSTREAM_MAX_LIMIT) break;
    }
    return items;
  });
  return {
    triggerInvocationStatusList: list,
    triggerInvocationStatusById: byIdFromList(all),
  };
}
