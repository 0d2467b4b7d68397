/**
 * A graphql-ws `subscribe` message's document, checked as an HTTP operation is: the token limit while parsing,
 * graphql-js's rules plus the depth and alias limits, introspection off where HTTP has it off, then the cost and
 * upstream-call estimates, all before anything runs (a rejected subscription makes no upstream call).
 */
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { LimitsConfig } from '../config/index.js';
import {
  CostMemo,
  costExceededMessage,
  limitParseOptions,
  limitValidationRules,
  tokenLimitMessage,
  upstreamCallsExceededMessage,
} from '../graphql/limits/index.js';
import { LIMIT_ERROR_CODE, limitError } from '../graphql/limits/limit-error.js';

export interface DocumentCheckOptions {
  schema: GraphQLSchema;
  limits: LimitsConfig;
  introspection: boolean;
}

export type CheckedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export function documentChecker(options: DocumentCheckOptions) {
  const { schema, limits } = options;
  const rules: ValidationRule[] = [
    ...specifiedRules,
    ...limitValidationRules(limits),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const estimates = new CostMemo();
  // graphql-ws sends the same query string for every subscribe of a dashboard: parse and validate it once.
  const validated = new Map<string, DocumentNode>();

  return (
    query: unknown,
    variables: Record<string, unknown>,
    operationName?: string | null,
  ): CheckedDocument => {
    if (typeof query !== 'string') {
      return {
        errors: [new GraphQLError('`query` must be a string', { extensions: { code: 'BAD_REQUEST' } })],
      };
    }
    let document = validated.get(query);
    if (document === undefined) {
      try {
        document = parse(query, limitParseOptions(limits));
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : String(error);
        return {
          errors: [
            new GraphQLError(tokenLimitMessage(message) ?? message, {
              extensions: { code: 'GRAPHQL_PARSE_FAILED' },
            }),
          ],
        };
      }
      const errors = validate(schema, document, rules);
      if (errors.length > 0) {
        return {
          errors: errors.map((e) =>
            e.extensions.code !== undefined
              ? e
              : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: LIMIT_ERROR_CODE } }),
          ),
        };
      }
      if (validated.size >= 500) validated.delete(validated.keys().next().value as string);
      validated.set(query, document);
    }
    try {
      const estimate = estimates.get(schema, document, variables, operationName);
      if (estimate.cost > limits.maxCost) {
        return { errors: [limitError(costExceededMessage(estimate.cost, limits.maxCost))] };
      }
      if (estimate.upstreamCalls.total > limits.maxUpstreamCalls) {
        return {
          errors: [limitError(upstreamCallsExceededMessage(estimate.upstreamCalls, limits.maxUpstreamCalls))],
        };
      }
    } catch (error) {
      if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
        return { errors: [limitError(`${error.message} Split the operation into smaller ones.`)] };
      }
      // Variable errors found while scoring are left to execution, which reports them as BAD_USER_INPUT.
    }
    return { document };
  };
}
