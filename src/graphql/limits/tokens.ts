import type { LimitsConfig } from '../../config/index.js';

/**
 * Parse options for Apollo's one parse of each document: graphql-js counts tokens in its lexer and aborts
 * past `maxTokens` ("Document contains more that N tokens"), before any AST is built for a huge document.
 */
export function limitParseOptions(limits: Pick<LimitsConfig, 'maxTokens'>): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

const TOKEN_LIMIT_MESSAGE =
  /^Syntax Error: Document contains more (?:that|than) (\d+) tokens\. Parsing aborted\.$/;

/**
 * A clear message for graphql-js's token limit (`maxTokens`), whose own ("Document contains more that N
 * tokens", typo included) names neither the setting nor a way out; undefined for any other message.
 */
export function tokenLimitMessage(message: string): string | undefined {
  const match = TOKEN_LIMIT_MESSAGE.exec(message);
  if (match === null) return undefined;
  return (
    `The query has more than ${match[1]} tokens (names, punctuation and values), the most this gateway parses ` +
    '(MAX_TOKENS). Send a smaller document: fewer fields or aliases, fragments for repeated selections, ' +
    'variables for long values, or several operations.'
  );
}
