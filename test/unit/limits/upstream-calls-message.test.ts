// The error message of an operation over MAX_UPSTREAM_CALLS: the estimate, the limit, the largest source and
// what to change.
import { upstreamCallsExceededMessage } from '../../../src/graphql/limits/index.js';
import { ENTITIES, estimate, reps } from './support.js';

describe('upstreamCallsExceededMessage', () => {
  it('gives the estimate, the limit, the largest source and what to do', () => {
    const result = estimate(
      '{ workflow(id: "busiest") { executions(first: 1000) { nodes { id history { type } } } } }',
    );
    expect(upstreamCallsExceededMessage(result, 60)).toBe(
      'This operation could make up to 1006 requests to SailPoint, more than the limit of 60 per operation ' +
        '(MAX_UPSTREAM_CALLS; SailPoint allows 100 requests per 10 s, shared with other callers); the most, 1000, ' +
        'for `WorkflowExecution.history`. To fit, ask for fewer items with `first`/`last` or drop per-item ' +
        'fields (`Workflow.executions`, `WorkflowExecution.history`) and fetch them in a separate operation ' +
        'for the items you show.',
    );
  });

  it('suggests fewer representations for _entities', () => {
    const result = estimate(`${ENTITIES} fragment E on WorkflowExecution { id }`, {
      r: reps('WorkflowExecution', 150),
    });
    expect(upstreamCallsExceededMessage(result, 60)).toBe(
      'This operation could make up to 150 requests to SailPoint, more than the limit of 60 per operation ' +
        '(MAX_UPSTREAM_CALLS; SailPoint allows 100 requests per 10 s, shared with other callers); the most, 150, ' +
        'for `_entities(WorkflowExecution)`. To fit, ask for fewer items with `first`/`last` or send fewer ' +
        '`_entities` representations per request.',
    );
  });
});
