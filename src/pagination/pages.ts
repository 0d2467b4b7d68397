import type { ConnectionPage } from './connection.js';
import type {
  AccountActivityDto,
  InvocationStatusDto,
  WorkflowDto,
  WorkflowExecutionDto,
} from '../upstream/types.js';

// One named alias per connection, used as codegen mappers (codegen.yml).
export type WorkflowPage = ConnectionPage<WorkflowDto>;
export type WorkflowExecutionPage = ConnectionPage<WorkflowExecutionDto>;
export type TriggerInvocationStatusPage = ConnectionPage<InvocationStatusDto>;
export type AccountActivityPage = ConnectionPage<AccountActivityDto>;
