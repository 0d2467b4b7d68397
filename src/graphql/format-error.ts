import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from '../core/errors.js';
import { tokenLimitMessage } from './limits/tokens.js';
import { requestScope } from './request-scope.js';

/**
 * Codes a client may see as-is: every code of ours except INTERNAL_SERVER_ERROR (a Record, so a new ErrorCode
 * must be classified here to compile), plus Apollo's request-level codes.
 */
const SHOWN_GATEWAY_CODES: Record<Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, true> = {
  BAD_USER_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  RATE_LIMITED: true,
  UPSTREAM_ERROR: true,
  UPSTREAM_TIMEOUT: true,
};
const PASS_THROUGH_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.keys(SHOWN_GATEWAY_CODES),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
]);

/**
 * `formatError`: our errors and Apollo's request errors pass through (graphql-js's token-limit message reworded to
 * name MAX_TOKENS); anything else is a bug and is masked, with its cause logged against the request id (which the
 * masked error carries for support).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
    const tokenLimit =
      code === ApolloServerErrorCode.GRAPHQL_PARSE_FAILED ? tokenLimitMessage(formatted.message) : undefined;
    return tokenLimit !== undefined ? { ...formatted, message: tokenLimit } : formatted;
  }
  const scope = requestScope.getStore();
  scope?.logger.error(
    { err: original, path: formatted.path },
    'unexpected error (masked as INTERNAL_SERVER_ERROR)',
  );
  return {
    message: 'Internal server error',
    ...(formatted.locations !== undefined ? { locations: formatted.locations } : {}),
    ...(formatted.path !== undefined ? { path: formatted.path } : {}),
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      ...(scope !== undefined ? { requestId: scope.requestId } : {}),
      // Only present when includeStacktraceInErrorResponses (NODE_ENV=development) made Apollo add it.
      ...(formatted.extensions?.stacktrace !== undefined
        ? { stacktrace: formatted.extensions.stacktrace }
        : {}),
    },
  };
}
