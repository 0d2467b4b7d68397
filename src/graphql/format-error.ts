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
  BAD_REQUEST: true,
  OPERATION_NOT_SUPPORTED: true,
  PERSISTED_QUERY_HASH_MISMATCH: true,
  PERSISTED_DOCUMENT_REQUIRED: true,
  PERSISTED_DOCUMENT_NOT_FOUND: true,
};
const PASS_THROUGH_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.keys(SHOWN_GATEWAY_CODES),
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/**
 * Apollo answers some malformed requests (APQ extensions that do not fit their query) with a GraphQLError that
 * has an HTTP 4xx status but no code, which would otherwise be masked as a gateway bug. Its message is the only
 * thing that tells them apart; the client-errors test pins each one.
 */
const APOLLO_CODELESS_REQUEST_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  'provided sha does not match query': {
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
    message:
      '`extensions.persistedQuery.sha256Hash` is not the SHA-256 of the query sent with it: hash the exact query text (hex, lower case)',
  },
  'Unsupported persisted query version': {
    code: 'BAD_REQUEST',
    message:
      '`extensions.persistedQuery.version` must be 1 (the only version of the persisted query protocol)',
  },
};

/**
 * A request-level client error without a code: a GraphQLError outside execution (no `path`) that Apollo gave a
 * 4xx status. Known ones get their own code and message; any other gets BAD_REQUEST with Apollo's message.
 */
function codelessClientError(
  original: unknown,
  formatted: GraphQLFormattedError,
): GraphQLFormattedError | null {
  if (!(original instanceof GraphQLError) || original.path !== undefined) return null;
  if (original.extensions.code !== undefined) return null;
  const status = (original.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const known = APOLLO_CODELESS_REQUEST_ERRORS[original.message];
  return {
    message: known?.message ?? formatted.message,
    ...(formatted.locations !== undefined ? { locations: formatted.locations } : {}),
    extensions: { code: known?.code ?? 'BAD_REQUEST' },
  };
}

/** @apollo/subgraph throws a plain Error for a representation whose __typename is no type of the schema. */
const UNKNOWN_ENTITY =
  /^The _entities resolver tried to load an entity for type "([^"]{0,128})", but no object or interface type of that name was found in the schema$/;

function unknownEntityType(original: unknown): string | undefined {
  if (!(original instanceof Error) || original instanceof GraphQLError) return undefined;
  return UNKNOWN_ENTITY.exec(original.message)?.[1];
}

/**
 * `formatError`: our errors and Apollo's request errors pass through (graphql-js's token-limit message reworded to
 * name MAX_TOKENS), Apollo's codeless 4xx request errors get a client-error code; anything else is a bug and is masked, with its cause logged against the request id (which the
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
  // A client's mistake: the operation's log line (info) carries its code; it is not logged as a gateway bug.
  const clientError = codelessClientError(original, formatted);
  if (clientError !== null) return clientError;
  const scope = requestScope.getStore();
  const unknownType = unknownEntityType(original);
  if (unknownType !== undefined) {
    // A router or client asked for a type this subgraph does not own: its mistake, not ours (no stack trace).
    scope?.logger.warn({ typename: unknownType, path: formatted.path }, '_entities: unknown __typename');
    return {
      message: `\`_entities\`: this subgraph has no entity type "${unknownType}" (check the representation's __typename)`,
      ...(formatted.locations !== undefined ? { locations: formatted.locations } : {}),
      ...(formatted.path !== undefined ? { path: formatted.path } : {}),
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
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

/** graphql-js's hints: ` Did you mean "x"?`, ` Did you mean the enum value "X"?`, ` Did you mean "a" or "b"?`. */
const SUGGESTION = / Did you mean [^?]*\?/g;

/** The same formatter with every "Did you mean ...?" hint removed from every message (for production). */
export function withoutSuggestions(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const result = format(formatted, error);
    const message = result.message.replace(SUGGESTION, '');
    return message === result.message ? result : { ...result, message };
  };
}
