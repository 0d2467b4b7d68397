import { GraphQLError } from 'graphql';
import { corsOptions, SANDBOX_ORIGIN } from '../../../src/http/cors.js';
import { formatError } from '../../../src/graphql/format-error.js';
import { apiKeyMatches } from '../../../src/http/credentials.js';
import { GatewayError } from '../../../src/core/errors.js';
import { createHash } from 'node:crypto';

// Pure pieces of the HTTP and GraphQL layers (format-error.ts, cors.ts, credentials.ts); the HTTP behaviour they produce is covered in http-*.test.ts.

/** What Apollo hands formatError for an error a resolver threw: a located GraphQLError wrapping it. */
function fromResolver(error: Error): [ReturnType<GraphQLError['toJSON']>, GraphQLError] {
  const located = new GraphQLError(error.message, {
    path: ['workflows'],
    originalError: error,
    ...(error instanceof GraphQLError ? { extensions: error.extensions } : {}),
  });
  const formatted = located.toJSON();
  return [
    {
      ...formatted,
      extensions: { ...formatted.extensions, code: formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR' },
    },
    located,
  ];
}

describe('formatError', () => {
  it('passes gateway errors through', () => {
    const [formatted, error] = fromResolver(new GatewayError('RATE_LIMITED', 'Slow down', { retryAfter: 3 }));
    expect(formatError(formatted, error)).toEqual(formatted);
    expect(formatted.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 3 });
  });

  it('masks anything else, keeping the path', () => {
    const [formatted, error] = fromResolver(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    expect(formatError(formatted, error)).toEqual({
      message: 'Internal server error',
      path: ['workflows'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('masks a plain error that pretends to have a known code', () => {
    const sneaky = Object.assign(new Error('secret detail'), { extensions: { code: 'BAD_USER_INPUT' } });
    const [formatted, error] = fromResolver(sneaky);
    expect(formatError(formatted, error).message).toBe('Internal server error');
  });

  it('masks GraphQL errors without a known code', () => {
    const graphqlError = new GraphQLError('Cannot return null for non-nullable field Query.workflows.');
    expect(
      formatError(
        { message: graphqlError.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        graphqlError,
      ),
    ).toMatchObject({ message: 'Internal server error' });
  });

  it("passes Apollo's request errors through", () => {
    const parseError = new GraphQLError('Syntax Error: Unexpected Name "x".', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const formatted = { message: parseError.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatError(formatted, parseError)).toBe(formatted);
  });
});

describe('apiKeyMatches', () => {
  const digests = ['first-key-0123456789', 'second-key-0123456789'].map((k) =>
    createHash('sha256').update(k).digest(),
  );
  it('accepts any configured key and nothing else', () => {
    expect(apiKeyMatches('first-key-0123456789', digests)).toBe(true);
    expect(apiKeyMatches('second-key-0123456789', digests)).toBe(true);
    expect(apiKeyMatches('first-key-012345678', digests)).toBe(false);
    expect(apiKeyMatches('', digests)).toBe(false);
    expect(apiKeyMatches('first-key-0123456789', [])).toBe(false);
  });
});

describe('corsOptions', () => {
  const allows = (config: { production: boolean; corsOrigins: string[] }, origin: string): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const option = corsOptions(config).origin;
      if (typeof option !== 'function') throw new Error('origin must be a function');
      option(origin, (error, allowed) => (error ? reject(error) : resolve(allowed === true)));
    });

  it.each([
    [false, SANDBOX_ORIGIN, true],
    [false, 'http://localhost:3000', true],
    [false, 'http://127.0.0.1:8080', true],
    [false, 'http://localhost.evil.com', false],
    [false, 'https://app.example.com', true],
    [true, SANDBOX_ORIGIN, false],
    [true, 'http://localhost:3000', false],
    [true, 'https://app.example.com', true],
  ])('production=%s origin=%s -> %s', async (production, origin, expected) => {
    expect(await allows({ production, corsOrigins: ['https://app.example.com'] }, origin)).toBe(expected);
  });
});
