import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { LimitsConfig } from '../../config/index.js';
import { costExceededMessage, estimateCost } from './cost.js';
import { limitError } from './limit-error.js';
import {
  estimateUpstreamCalls,
  upstreamCallsExceededMessage,
  type UpstreamCallEstimate,
} from './upstream-calls.js';

/** What the limits plugin checks of one operation. */
export interface OperationEstimate {
  cost: number;
  upstreamCalls: UpstreamCallEstimate;
}

/** Variable sets remembered per document; a document sent with ever-new variables keeps only the latest. */
const MAX_ESTIMATES_PER_DOCUMENT = 64;

/**
 * estimateCost walks the whole operation with graphql-query-complexity's visitor, which is a large share of the
 * CPU a small query costs, and estimateUpstreamCalls walks it again. Both depend only on the schema, the
 * document, the operation name and the variables, and Apollo hands over the same parsed DocumentNode for a
 * repeated query string (its document cache), so the estimates are remembered per document object (a WeakMap:
 * entries go with the document) and per operation name and variables. Failures are not remembered (they are
 * rare, and rethrown each time).
 */
export class CostMemo {
  private byDocument = new WeakMap<DocumentNode, Map<string, OperationEstimate>>();
  private schema: GraphQLSchema | undefined;

  get(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName?: string | null,
  ): OperationEstimate {
    if (schema !== this.schema) {
      // Estimates are per schema (the gateway has one; a reused plugin might see another): start afresh.
      this.schema = schema;
      this.byDocument = new WeakMap();
    }
    let estimates = this.byDocument.get(document);
    if (estimates === undefined) {
      estimates = new Map();
      this.byDocument.set(document, estimates);
    }
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let estimate = estimates.get(key);
    if (estimate === undefined) {
      estimate = {
        // First: its node limit bounds the work estimateUpstreamCalls does on a huge expansion.
        cost: estimateCost(schema, document, variables, operationName),
        upstreamCalls: estimateUpstreamCalls(schema, document, variables, operationName),
      };
      if (estimates.size >= MAX_ESTIMATES_PER_DOCUMENT)
        estimates.delete(estimates.keys().next().value as string);
      estimates.set(key, estimate);
    }
    return estimate;
  }
}

/**
 * Rejects an operation whose estimated cost exceeds `maxCost`, or that could make more than `maxUpstreamCalls`
 * upstream requests, before it executes: a rejected operation makes no upstream call. Variable errors found
 * while scoring are left to execution, which reports them as BAD_USER_INPUT before any resolver runs.
 */
export function costLimitPlugin<TContext extends object>(
  limits: Pick<LimitsConfig, 'maxCost' | 'maxUpstreamCalls'>,
): ApolloServerPlugin<TContext> {
  const estimates = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContext<TContext>) {
          const { schema, document, request } = requestContext;
          if (document === undefined) return;
          let estimate: OperationEstimate;
          try {
            estimate = estimates.get(schema, document, request.variables ?? {}, requestContext.operationName);
          } catch (error) {
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw limitError(`${error.message} Split the operation into smaller ones.`);
            }
            return;
          }
          if (estimate.cost > limits.maxCost)
            throw limitError(costExceededMessage(estimate.cost, limits.maxCost));
          if (estimate.upstreamCalls.total > limits.maxUpstreamCalls) {
            throw limitError(upstreamCallsExceededMessage(estimate.upstreamCalls, limits.maxUpstreamCalls));
          }
        },
      };
    },
  };
}
