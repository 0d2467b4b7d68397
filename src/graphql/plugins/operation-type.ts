import type { ApolloServerPlugin } from '@apollo/server';
import { GatewayError } from '../../core/errors.js';
import type { Context } from '../context.js';

/**
 * Refuses every operation but `query` over HTTP with OPERATION_NOT_SUPPORTED before it runs (HTTP 400; 200 for
 * `application/json` callers, see http-status.ts).
 *
 * Without this, graphql-js answers a `mutation` (the schema has no Mutation type) or a `subscription` posted to
 * /graphql with "Schema is not configured to execute ... operation", an error without a code that formatError
 * must mask as INTERNAL_SERVER_ERROR and log as a gateway bug. Validation does not catch either: a document that
 * names a root type the schema lacks is valid to graphql-js. And Apollo would execute a subscription of the
 * live schema as a one-off query (the field's `resolve` without its `subscribe`). Subscriptions are served over
 * a WebSocket on the same path (src/live/, graphql-ws), which does not run Apollo's HTTP pipeline, so this
 * refuses only HTTP subscriptions. Apollo refuses a non-query sent with GET itself (405 BAD_REQUEST) before this hook runs.
 */
export function operationTypePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          // `operation` is always set once this hook runs (Apollo's types allow undefined).
          if (operation === undefined || operation.operation === 'query') return;
          throw new GatewayError(
            'OPERATION_NOT_SUPPORTED',
            operation.operation === 'mutation'
              ? 'This gateway is read-only: it has no mutations. Send a query.'
              : 'Subscriptions are served over WebSocket (the graphql-ws protocol) on this same /graphql URL, not over HTTP.',
            { http: { status: 400 } },
          );
        },
      };
    },
  };
}
