import relay from 'relay-runtime';
import type { Environment, GraphQLResponse, RequestParameters, Variables } from 'relay-runtime';

const { Environment: RelayEnvironment, Network, RecordSource, Store } = relay;

/** The relay.config.json of the README's Relay section (paths are the test's temporary project). */
export const RELAY_CONFIG = {
  src: './src',
  schema: './schema.graphql',
  language: 'javascript',
  eagerEsModules: false,
  schemaConfig: { nodeInterfaceIdField: 'nodeId', nodeInterfaceIdVariableName: 'nodeId' },
} as const;

/**
 * What a frontend writes: a paginated list of workflows, a card fragment refetched by itself, and a dashboard of two
 * panels, the second read with `@catch` so a failure of its field reaches the component as a value.
 */
export const RELAY_DOCUMENTS = `
graphql\`
  query RelayWorkflowsQuery($first: Int!, $after: String) {
    ...RelayWorkflowList_query @arguments(first: $first, after: $after)
  }
\`;
graphql\`
  fragment RelayWorkflowList_query on Query
  @refetchable(queryName: "RelayWorkflowListPaginationQuery")
  @argumentDefinitions(first: { type: "Int!" }, after: { type: "String" }) {
    workflows(first: $first, after: $after) @connection(key: "RelayWorkflowList_workflows") {
      edges { node { nodeId id name ...RelayWorkflowCard_workflow } }
    }
  }
\`;
graphql\`
  fragment RelayWorkflowCard_workflow on Workflow @refetchable(queryName: "RelayWorkflowCardRefetchQuery") {
    id
    name
    enabled
  }
\`;
graphql\`
  query RelayDashboardQuery($activities: Int) {
    workflows(first: 2) { edges { node { nodeId id name } } }
    accountActivities(first: $activities) @catch(to: RESULT) { edges { node { nodeId id } } }
  }
\`;
`;

/**
 * A Relay environment over the gateway, as in the README: records keyed by `nodeId` (Relay's store needs ids
 * unique across types; SailPoint's `id`s are only unique per type), other objects get Relay's client ids.
 */
export function createRelayEnvironment(url: string, headers: Record<string, string> = {}): Environment {
  const fetchFn = async (params: RequestParameters, variables: Variables): Promise<GraphQLResponse> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify({ query: params.text, operationName: params.name, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return new RelayEnvironment({
    network: Network.create(fetchFn),
    store: new Store(new RecordSource()),
    getDataID: (value: { [key: string]: unknown }) =>
      typeof value.nodeId === 'string' ? value.nodeId : undefined,
  });
}
