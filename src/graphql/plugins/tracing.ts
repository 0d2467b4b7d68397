import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';

/**
 * Names the request's span (observability/tracing.ts) after its operation, `query Dashboard`, with the operation
 * type and name as attributes, and marks it failed when the response has errors. Never the variables or the
 * document: both can hold identity ids and filter values. Without a trace (tracing off) it adds no hooks.
 */
export function tracingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const trace = contextValue.trace;
      if (trace === undefined) return undefined;
      return {
        async didResolveOperation({ operation, operationName }) {
          trace.operation(operation?.operation ?? 'query', operationName ?? undefined);
        },
        async didEncounterErrors({ errors }) {
          trace.errors(errors.length);
        },
      };
    },
  };
}
