import {
  ApolloClient,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  gql,
  type ErrorLike,
  type TypedDocumentNode,
} from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import type { TestGateway } from '../../helpers/gateway.js';
import { dataRequests, startGateway } from '../gateway/support.js';
import { createApolloClient } from './client.js';

/**
 * Partial data as a frontend sees it through Apollo Client 4 over HTTP, with the README's setup: a dashboard
 * whose one panel fails (bad input on one root field) still shows the other panel with `errorPolicy: 'all'`, and
 * the failing panel is null with its error, found by path. Apollo's default `errorPolicy: 'none'` drops the
 * whole answer, and Apollo's `relayStylePagination` alone turns the failed panel into an empty list: the README
 * says so and wraps the helper.
 */

interface Dashboard {
  workflows: { edges: { node: { id: string; name: string | null } }[] } | null;
  accountActivities: { edges: { cursor: string; node: { id: string } }[] } | null;
}
const DASHBOARD: TypedDocumentNode<Dashboard, { activities: number; after?: string }> = gql`
  query Dashboard($activities: Int, $after: String) {
    workflows(first: 2) {
      edges {
        node {
          id
          name
        }
      }
    }
    accountActivities(first: $activities, after: $after) {
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`;
/** `first: -1` is refused by the gateway (BAD_USER_INPUT) before any SailPoint call. */
const BAD_PANEL = { activities: -1 };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.stop();
});
beforeEach(() => {
  gw.tenant.clearRequests();
});

const workflowsPanel = () => ({
  __typename: 'WorkflowConnection',
  edges: gw.tenant.data.workflows.slice(0, 2).map((w) => ({
    __typename: 'WorkflowEdge',
    node: { __typename: 'Workflow', id: w.id, name: w.name },
  })),
});
const errorsOf = (error: ErrorLike | undefined): unknown[][] =>
  CombinedGraphQLErrors.is(error) ? error.errors.map((e) => [e.path, e.extensions?.['code']]) : [[error]];
const activityCalls = () => dataRequests(gw).filter((r) => r.path.startsWith('/account-activities'));

describe('Apollo Client 4 with one failing panel', () => {
  it("errorPolicy 'all': the sibling panel's data, and the failing panel null with its error", async () => {
    const result = await createApolloClient(gw.url).query({
      query: DASHBOARD,
      variables: BAD_PANEL,
      errorPolicy: 'all',
    });
    expect(result.data).toEqual({ workflows: workflowsPanel(), accountActivities: null });
    expect(errorsOf(result.error)).toEqual([[['accountActivities'], 'BAD_USER_INPUT']]);
    expect(activityCalls()).toEqual([]);
  });

  it("Apollo's default errorPolicy 'none' drops the sibling panel the gateway did send", async () => {
    let answered: unknown;
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      answered = await response.clone().json();
      return response;
    };
    // Apollo Client 4's `query` rejects (a `useQuery` hook would give `data: undefined` and the error).
    const outcome = await createApolloClient(gw.url, recording)
      .query({ query: DASHBOARD, variables: BAD_PANEL })
      .then(
        (result) => ({ data: result.data, error: undefined }),
        (error: ErrorLike) => ({ data: undefined, error }),
      );
    expect(outcome.data).toBeUndefined();
    expect(errorsOf(outcome.error)).toEqual([[['accountActivities'], 'BAD_USER_INPUT']]);
    expect(answered).toMatchObject({ data: { workflows: workflowsPanel(), accountActivities: null } });
  });

  it("Apollo's relayStylePagination alone shows the failed panel as an empty list (why the README wraps it)", async () => {
    const client = new ApolloClient({
      cache: new InMemoryCache({
        typePolicies: { Query: { fields: { accountActivities: relayStylePagination() } } },
      }),
      link: new HttpLink({ uri: gw.url }),
    });
    const result = await client.query({ query: DASHBOARD, variables: BAD_PANEL, errorPolicy: 'all' });
    expect(result.data?.accountActivities).toMatchObject({ edges: [] });
    expect(errorsOf(result.error)).toEqual([[['accountActivities'], 'BAD_USER_INPUT']]);
  });

  it('a further page that fails keeps the pages already loaded, and reports its error', async () => {
    const client = createApolloClient(gw.url);
    const first = await client.query({ query: DASHBOARD, variables: { activities: 2 }, errorPolicy: 'all' });
    expect(first.error).toBeUndefined();
    const loaded = first.data?.accountActivities?.edges.map((e) => e.node.id);
    expect(loaded).toHaveLength(2);
    const more = await client.query({
      query: DASHBOARD,
      variables: { activities: 2, after: 'not-a-cursor' },
      errorPolicy: 'all',
      fetchPolicy: 'network-only',
    });
    expect(errorsOf(more.error)).toEqual([[['accountActivities'], 'BAD_USER_INPUT']]);
    expect(more.data?.accountActivities?.edges.map((e) => e.node.id)).toEqual(loaded);
    expect(more.data?.workflows).toEqual(workflowsPanel());
  });
});
