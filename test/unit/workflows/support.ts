import type { WorkflowDto, WorkflowExecutionDto } from '../../../src/upstream/types.js';

const workflows: WorkflowDto[] = [
  {
    id: 'w1',
    name: 'Provision',
    description: 'Gives access',
    enabled: true,
    executionCount: 12,
    failureCount: 1,
    created: '2026-01-01T10:00:00.123456789Z',
    modified: '2026-02-01T10:00:00Z',
    owner: { type: 'IDENTITY', id: 'id-owner', name: 'Owner' },
    creator: { id: 'id-creator', name: 'Creator' },
    modifiedBy: { type: 'APPLICATION', id: 'app-1', name: 'An app' },
    trigger: { type: 'EVENT', displayName: 'Access request', attributes: { id: 'idn:access-request' } },
    definition: { start: 'a', steps: { a: { type: 'success' } } },
  },
  { id: 'w2', name: 'Nightly', enabled: false, trigger: { type: '' } },
  { id: 'w3', name: 'Webhook', trigger: { type: 'WEBHOOK' } },
];

const executions: WorkflowExecutionDto[] = Array.from({ length: 30 }, (_, i) => ({
  id: `e${i}`,
  workflowId: 'w1',
  requestId: `r${i}`,
  startTime: `2026-03-01T00:00:${String(i).padStart(2, '0')}.000000001Z`,
  closeTime: i === 0 ? null : '2026-03-01T01:00:00Z',
  status: i === 0 ? 'Executing' : i % 2 ? 'Completed' : 'Failed',
}));

/**
 * Upstream data shared by the workflow resolver tests: w1 has every field and 30 executions (e0 still running,
 * then alternating statuses), w2 and w3 cover the empty and unknown trigger types, and execution x1 belongs to a
 * workflow that no longer exists.
 */
export const data = {
  workflows,
  executions: { w1: executions, w9: [{ id: 'x1', workflowId: 'w9', status: 'Completed' }] },
  history: {
    e1: [
      {
        type: 'WorkflowExecutionScheduled',
        timestamp: '2026-03-01T00:00:01.000000001Z',
        attributes: { a: 1 },
      },
      { type: 'SomethingNew' },
    ],
  },
};
