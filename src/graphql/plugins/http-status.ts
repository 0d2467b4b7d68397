import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import Negotiator from 'negotiator';

/**
 * GraphQL over HTTP status codes for `application/json` responses.
 *
 * The spec's legacy media type says a server SHOULD answer every well-formed request with 200, whatever GraphQL
 * request error it raised (clients that ask for `application/json` predate the status-code rules and read the
 * body), while `application/graphql-response+json` uses 4xx for request errors. Apollo answers 400 for a document
 * that fails to parse or validate and for a variable that fails coercion, with either media type; this plugin
 * turns exactly those 400s into 200 when the response is `application/json`. A malformed request (no query, a
 * non-string operationName, body errors: Apollo's BAD_REQUEST) is not well-formed and keeps its 4xx.
 */

/** Apollo's own media types, in its order of preference, so the negotiation below is the one Apollo makes. */
export const APPLICATION_JSON = 'application/json; charset=utf-8';
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const OFFERED = [
  APPLICATION_JSON,
  GRAPHQL_RESPONSE_JSON,
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/** Request errors of a well-formed request: the document or its variables, never the HTTP request itself. */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  // A mutation or subscription over HTTP (operation-type.ts): a well-formed document this gateway does not run.
  'OPERATION_NOT_SUPPORTED',
]);

/** The media type Apollo will answer with for this `Accept` header (application/json when absent). */
export function negotiatedMediaType(accept: string | undefined): string | undefined {
  if (accept === undefined || accept === '') return APPLICATION_JSON;
  return new Negotiator({ headers: { accept } }).mediaType(OFFERED);
}

export function httpStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data !== undefined || result.errors === undefined || result.errors.length === 0) return;
          if (!result.errors.every((error) => REQUEST_ERROR_CODES.has(error.extensions?.code))) return;
          const mediaType = negotiatedMediaType(request.http?.headers.get('accept'));
          if (mediaType !== APPLICATION_JSON) return;
          // Pinned, so the status and the media type Apollo writes cannot disagree.
          response.http.headers.set('content-type', mediaType);
          response.http.status = 200;
        },
      };
    },
  };
}
