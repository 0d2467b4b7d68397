import DataLoader from 'dataloader';
import { type ListLoader, createListLoader } from '../pagination/list-loader.js';
import type { AccountActivityDto, AccountActivityQuery, UpstreamClient } from '../upstream/types.js';

export interface AccountActivityLoaders {
  accountActivityList: ListLoader<AccountActivityQuery, AccountActivityDto>;
  accountActivityById: DataLoader<string, AccountActivityDto | null>;
}

export function createAccountActivityLoaders(client: UpstreamClient): AccountActivityLoaders {
  return {
    accountActivityList: createListLoader((query) => client.listAccountActivities(query)),
    // No multi-get endpoint: memoise only.
    accountActivityById: new DataLoader(async ([id]) => [await client.getAccountActivity(id as string)], {
      batch: false,
    }),
  };
}
