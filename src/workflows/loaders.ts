import DataLoader from 'dataloader';
import { type ListLoader, byIdFromList, createListLoader, once } from '../pagination/list-loader.js';
import type {
  ListQuery,
  UpstreamClient,
  WorkflowDto,
  WorkflowExecutionDto,
  WorkflowExecutionEventDto,
} from '../upstream/types.js';

export interface ExecutionListQuery extends ListQuery {
  workflowId: string;
}

export interface WorkflowLoaders {
  /** The full workflow list (SailPoint's v1 list has no paging), fetched once per request. */
  workflowList: () => Promise<WorkflowDto[]>;
  /** Any number of ids cost at most the one workflowList call. */
  workflowById: DataLoader<string, WorkflowDto | null>;
  workflowExecutionById: DataLoader<string, WorkflowExecutionDto | null>;
  /** Null when the execution does not exist. */
  workflowExecutionHistory: DataLoader<string, WorkflowExecutionEventDto[] | null>;
  workflowExecutionList: ListLoader<ExecutionListQuery, WorkflowExecutionDto>;
}

export function createWorkflowLoaders(client: UpstreamClient): WorkflowLoaders {
  const workflowList = once(() => client.listWorkflows());
  return {
    workflowList,
    // Indexing the one list answers every id: N single GETs would spend N requests of the rate budget for data
    // the list already has (and the list is cached across requests for longer, see CACHE_TTL_WORKFLOWS_SECONDS).
    workflowById: byIdFromList(workflowList),
    // No multi-get endpoints: memoise only.
    workflowExecutionById: new DataLoader(async ([id]) => [await client.getWorkflowExecution(id as string)], {
      batch: false,
    }),
    workflowExecutionHistory: new DataLoader(
      async ([id]) => [await client.getWorkflowExecutionHistory(id as string)],
      {
        batch: false,
      },
    ),
    workflowExecutionList: createListLoader(({ workflowId, ...query }) =>
      client.listWorkflowExecutions(workflowId, query),
    ),
  };
}
