/**
 * The bench's scenarios: each a GraphQL query for the gateway and the REST calls a client would make instead.
 * `check` validates the gateway's data and each REST variant its own, so a broken or empty answer cannot pass as
 * fast.
 */
import { getJson } from './lib.js';

export interface Variant {
  name: string;
  run: () => Promise<unknown>;
}

export interface Scenario {
  id: 'S1' | 'S2' | 'S3';
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Checks the gateway's data, so a broken or empty answer cannot pass as fast. */
  check: (data: Record<string, unknown>) => void;
  /** The REST alternatives, by name; the first one is the baseline of the scenario's ratio target. */
  direct: Variant[];
  baseline: string;
}

interface ExecutionDto {
  id: string;
  workflowId?: string;
  status: string;
}
interface WorkflowDto {
  id: string;
  name: string;
  owner?: { name?: string };
}

function expectLength(data: unknown, length: number, what: string): void {
  if (!Array.isArray(data) || data.length !== length) {
    throw new Error(
      `${what}: expected ${length} items, got ${Array.isArray(data) ? data.length : typeof data}`,
    );
  }
}

export function buildScenarios(base: string, token: string, workflowId: string): Scenario[] {
  const executionsUrl = `${base}/workflows/v1/${workflowId}/executions?limit=50&offset=0`;
  return [
    {
      id: 'S1',
      title: '50 trigger invocation statuses',
      query: `query S1 { triggerInvocationStatuses(first: 50) { nodes { id triggerId subscriptionName type created completed inFlight failed } } }`,
      variables: {},
      check: (data) =>
        expectLength((data['triggerInvocationStatuses'] as { nodes: unknown[] }).nodes, 50, 'S1 gateway'),
      baseline: 'direct',
      direct: [
        {
          name: 'direct',
          run: async () => {
            const items = await getJson<unknown[]>(
              `${base}/trigger-invocations/v1/status?limit=50&offset=0`,
              token,
            );
            expectLength(items, 50, 'S1 direct');
          },
        },
      ],
    },
    {
      id: 'S2',
      title: '50 executions of one workflow, each with workflow { name owner { name } }',
      query: `query S2($id: ID!) { workflow(id: $id) { executions(first: 50) { nodes { id status workflow { name owner { name } } } } } }`,
      variables: { id: workflowId },
      check: (data) => {
        const nodes = (
          data['workflow'] as { executions: { nodes: { workflow: WorkflowDto | null }[] } } | null
        )?.executions.nodes;
        expectLength(nodes, 50, 'S2 gateway');
        if (nodes?.some((n) => n.workflow?.name === undefined))
          throw new Error('S2 gateway: execution without workflow');
      },
      baseline: 'careful',
      direct: [
        {
          // The executions, then their workflows one GET each (concurrently): what a client writes first.
          name: 'naive',
          run: async () => {
            const executions = await getJson<ExecutionDto[]>(executionsUrl, token);
            expectLength(executions, 50, 'S2 naive');
            const joined = await Promise.all(
              executions.map(async (e) => ({
                ...e,
                workflow: await getJson<WorkflowDto>(`${base}/workflows/v1/${e.workflowId}`, token),
              })),
            );
            return joined;
          },
        },
        {
          // Executions and the workflow list concurrently, joined in the client.
          name: 'careful',
          run: async () => {
            const [executions, workflows] = await Promise.all([
              getJson<ExecutionDto[]>(executionsUrl, token),
              getJson<WorkflowDto[]>(`${base}/workflows/v1`, token),
            ]);
            expectLength(executions, 50, 'S2 careful');
            const byId = new Map(workflows.map((w) => [w.id, w]));
            return executions.map((e) => ({ ...e, workflow: byId.get(e.workflowId ?? '') ?? null }));
          },
        },
      ],
    },
    {
      id: 'S3',
      title: '600 account activities',
      query: `query S3 { accountActivities(first: 600) { nodes { id type modified } } }`,
      variables: {},
      check: (data) =>
        expectLength((data['accountActivities'] as { nodes: unknown[] }).nodes, 600, 'S3 gateway'),
      baseline: 'sequential',
      direct: [
        {
          // Pages of 250, one after the other (offset paging: each page is requested after the previous).
          name: 'sequential',
          run: async () => {
            const items: unknown[] = [];
            for (let offset = 0; offset < 600; offset += 250) {
              const limit = Math.min(250, 600 - offset);
              items.push(
                ...(await getJson<unknown[]>(
                  `${base}/account-activities/v1?limit=${limit}&offset=${offset}`,
                  token,
                )),
              );
            }
            expectLength(items, 600, 'S3 sequential');
          },
        },
      ],
    },
  ];
}
