// The workflow list, filtered, sorted and paged by the gateway over the one list call, and a workflow by id.
import type { DemoWorkflow } from '../../../src/demo-tenant/index.js';
import {
  compareInstants,
  demoWorkflows as workflows,
  gw,
  ids,
  ok,
  requestsOf,
  run,
  sortBy,
  useGateway,
  WORKFLOW_LIST as LIST,
  type Connection,
} from './support.js';

interface WorkflowNode {
  id: string;
  name: string;
  modified: string;
  created: string;
}

useGateway();

describe('workflows (filtered, sorted and paged by the gateway over the one list call)', () => {
  const QUERY = `query($after: String, $filter: WorkflowFilter, $orderBy: [WorkflowOrder!]) {
    workflows(first: 5, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name created modified }
    }
  }`;

  it('filters on enabled and trigger type, orders by modified descending, pages forward', async () => {
    const expected = sortBy(
      workflows().filter((w) => w.enabled && w.trigger.type === 'EVENT'),
      (a, b) => compareInstants(b.modified, a.modified),
    );
    expect(expected.length).toBeGreaterThan(10);
    const variables = {
      filter: { enabled: true, triggerType: 'EVENT' },
      orderBy: [{ field: 'MODIFIED', direction: 'DESC' }],
    };

    const first = await run<{ workflows: Connection<WorkflowNode> }>(gw, QUERY, variables);
    const page1 = ok(first).workflows;
    expect(ids(page1.nodes)).toEqual(ids(expected.slice(0, 5)));
    expect(page1.nodes[0]).toEqual({
      id: expected[0]?.id,
      name: expected[0]?.name,
      created: expected[0]?.created,
      modified: expected[0]?.modified,
    });
    expect(page1.totalCount).toBe(expected.length);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // The v1 list endpoint takes no paging, filter or sort parameters: exactly one bare GET.
    expect(requestsOf(first.upstream)).toEqual([LIST]);

    const second = await run<{ workflows: Connection<WorkflowNode> }>(gw, QUERY, {
      ...variables,
      after: page1.pageInfo.endCursor,
    });
    const page2 = ok(second).workflows;
    expect(ids(page2.nodes)).toEqual(ids(expected.slice(5, 10)));
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
    expect(requestsOf(second.upstream)).toEqual([LIST]);
  });

  it('filters on owner and name (case-insensitive) and orders by name, then created descending', async () => {
    const owner = workflows()[0]?.owner.id as string;
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const expected = sortBy(
      workflows().filter((w) => w.owner.id === owner && w.name.toLowerCase().includes('o')),
      (a, b) => collator.compare(a.name, b.name) || compareInstants(b.created, a.created),
    );
    expect(expected.length).toBeGreaterThan(1);
    const result = await run<{ workflows: Connection<WorkflowNode> }>(
      gw,
      `query($filter: WorkflowFilter) {
        workflows(first: 100, filter: $filter, orderBy: [{ field: NAME }, { field: CREATED, direction: DESC }]) {
          totalCount nodes { id name }
        }
      }`,
      { filter: { ownerId: owner, nameContains: 'O' } },
    );
    const { totalCount, nodes } = ok(result).workflows;
    expect(nodes.map((n) => n.name)).toEqual(expected.map((w) => w.name));
    expect(totalCount).toBe(expected.length);
    expect(requestsOf(result.upstream)).toEqual([LIST]);
  });

  it('serves `last` from the end of the filtered list with the same single call', async () => {
    const disabled = workflows().filter((w) => !w.enabled);
    const result = await run<{ workflows: Connection<WorkflowNode> }>(
      gw,
      '{ workflows(last: 2, filter: { enabled: false }) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { id } } }',
    );
    const page = ok(result).workflows;
    expect(ids(page.nodes)).toEqual(ids(disabled.slice(-2)));
    expect(page.totalCount).toBe(disabled.length);
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: disabled.length > 2 });
    expect(requestsOf(result.upstream)).toEqual([LIST]);
  });

  it('maps the empty trigger type of a draft workflow to NONE', async () => {
    const drafts = workflows().filter((w) => w.trigger.type === '');
    expect(drafts.length).toBeGreaterThan(0);
    const result = await run<{ workflows: Connection<{ id: string; trigger: { type: string } }> }>(
      gw,
      '{ workflows(first: 100, filter: { triggerType: NONE }) { nodes { id trigger { type } } } }',
    );
    expect(ok(result).workflows.nodes).toEqual(drafts.map((w) => ({ id: w.id, trigger: { type: 'NONE' } })));
  });
});

describe('workflow(id)', () => {
  it('returns every field of a workflow, and null for an unknown id, from one list call', async () => {
    const wf = workflows().find((w) => w.trigger.type === 'EVENT') as DemoWorkflow;
    const result = await run<{ workflow: Record<string, unknown>; missing: unknown }>(
      gw,
      `query($id: ID!) {
        workflow(id: $id) {
          id name description enabled executionCount failureCount created modified definition
          owner { type name identity { id } }
          creator { name identity { id } }
          modifiedBy { name identity { id } }
          trigger { type displayName attributes }
        }
        missing: workflow(id: "00000000-0000-0000-0000-000000000000") { id }
      }`,
      { id: wf.id },
    );
    expect(ok(result)).toEqual({
      workflow: {
        id: wf.id,
        name: wf.name,
        description: wf.description,
        enabled: wf.enabled,
        executionCount: wf.executionCount,
        failureCount: wf.failureCount,
        created: wf.created,
        modified: wf.modified,
        definition: wf.definition,
        owner: { type: wf.owner.type, name: wf.owner.name, identity: { id: wf.owner.id } },
        creator: { name: wf.creator.name, identity: { id: wf.creator.id } },
        modifiedBy: { name: wf.modifiedBy.name, identity: { id: wf.modifiedBy.id } },
        trigger: { type: 'EVENT', displayName: wf.trigger.displayName, attributes: wf.trigger.attributes },
      },
      missing: null,
    });
    // Nanosecond timestamps pass through verbatim.
    expect(wf.created).toMatch(/\.\d{9}Z$/);
    expect(requestsOf(result.upstream)).toEqual([LIST]);
  });
});
