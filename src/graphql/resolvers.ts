import type { Resolvers } from '../__generated__/resolvers-types.js';
import * as accountActivities from '../account-activities/resolvers.js';
import type { Context } from './context.js';
import * as node from './node.js';
import { scalars } from './scalars.js';
import * as triggerInvocations from '../trigger-invocations/resolvers.js';
import * as workflows from '../workflows/resolvers.js';

/** All resolvers of the subgraph: scalars plus each domain's maps, with the domains' Query fields merged. */
export const resolvers: Resolvers<Context> = {
  ...scalars,
  ...workflows,
  ...triggerInvocations,
  ...accountActivities,
  Node: node.Node,
  Query: { ...workflows.Query, ...triggerInvocations.Query, ...accountActivities.Query, ...node.Query },
};
