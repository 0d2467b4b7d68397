import { GraphQLError, type ValidationContext } from 'graphql';

/** Code of every limit rejection: the same as Apollo's own validation failures (HTTP 400). */
export const LIMIT_ERROR_CODE = 'GRAPHQL_VALIDATION_FAILED';

export function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: LIMIT_ERROR_CODE, http: { status: 400 } } });
}

/**
 * An `onReject` callback for graphql-armor rules. Armor throws out of the visitor by default, which would escape
 * graphql-js's `validate` and surface as a 500; reporting through the ValidationContext instead gives a normal
 * validation error, with `hint` saying how to fit.
 */
export const reportLimit =
  (hint: string) =>
  (ctx: ValidationContext | null, error: GraphQLError): void => {
    // armor prefixes "Syntax Error: " although the query parsed fine.
    ctx?.reportError(limitError(`${error.message.replace(/^Syntax Error: /, '')} ${hint}`));
  };
