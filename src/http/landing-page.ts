import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GatewayConfig } from '../config/index.js';

/** What Sandbox shows first: a small, cheap query that works against the demo tenant. */
export const SANDBOX_DOCUMENT = `# Recent failed executions of the first workflows.
query RecentFailures {
  workflows(first: 5) {
    totalCount
    nodes {
      id
      name
      enabled
      executions(first: 3, filter: { status: { eq: FAILED } }) {
        nodes { id startTime status }
      }
    }
  }
}
`;

/** Apollo Sandbox on GET /graphql outside production (GRAPHQL_LANDING_PAGE), with SANDBOX_DOCUMENT preloaded. */
export function landingPagePlugin<T extends object>(
  config: Pick<GatewayConfig, 'graphql'>,
): ApolloServerPlugin<T> {
  return config.graphql.landingPage
    ? ApolloServerPluginLandingPageLocalDefault({
        embed: { endpointIsEditable: false },
        footer: false,
        document: SANDBOX_DOCUMENT,
      })
    : ApolloServerPluginLandingPageDisabled();
}
