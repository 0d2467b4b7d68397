import { Options, RequestError } from 'got';
import {
  classifyStatus,
  codeForClass,
  codeForStatus,
  scrubRequestError,
  scrubSecrets,
  toGatewayError,
  tokenFailure,
  upstreamMessage,
  type FailureClass,
} from '../../../src/upstream/errors.js';

const errorResponse = (text: string, trackingId = 'a1b2c3d4e5') => ({
  detailCode: '400.1 Bad Request Content',
  trackingId,
  messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
  causes: [],
});

describe('status -> code', () => {
  test.each([
    [400, 'BAD_USER_INPUT'],
    [422, 'BAD_USER_INPUT'],
    [414, 'BAD_USER_INPUT'],
    [431, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [410, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [500, 'UPSTREAM_ERROR'],
    [502, 'UPSTREAM_ERROR'],
    [503, 'UPSTREAM_ERROR'],
    [599, 'UPSTREAM_ERROR'],
    [302, 'UPSTREAM_ERROR'],
    [418, 'UPSTREAM_ERROR'],
  ])('%i -> %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  test('every failure class has a code, and an unknown class is caught at run time', () => {
    const classes: FailureClass[] = [
      'bad-request',
      'too-large',
      'unauthenticated',
      'forbidden',
      'not-found',
      'rate-limited',
      'server-error',
      'unexpected-status',
      'network',
      'timeout',
      'invalid-body',
      'rate-budget',
    ];
    for (const c of classes) expect(typeof codeForClass(c)).toBe('string');
    expect(() => codeForClass('nonsense' as never)).toThrow('Unreachable case');
  });

  test('classifyStatus buckets 5xx together', () => {
    expect(classifyStatus(504)).toBe('server-error');
  });
});

describe('toGatewayError', () => {
  test.each([414, 431])('%i says the request was too large, without passing on the body', (status) => {
    const error = toGatewayError({
      kind: 'status',
      status,
      body: errorResponse('Request header fields too large: /account-activities/v1?filters=...'),
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(
      `The request was too large for SailPoint (HTTP ${status}): use fewer or shorter filter values or ids`,
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      trackingId: 'a1b2c3d4e5',
      upstreamStatus: status,
    });
  });

  test('400 carries SailPoint message text and trackingId', () => {
    const error = toGatewayError({
      kind: 'status',
      status: 400,
      body: errorResponse('The filter "foo eq 1" is not supported for field foo'),
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(
      'SailPoint rejected the request: The filter "foo eq 1" is not supported for field foo',
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      trackingId: 'a1b2c3d4e5',
      upstreamStatus: 400,
    });
  });

  test('401 body is {error}', () => {
    const error = toGatewayError({
      kind: 'status',
      status: 401,
      body: { error: 'JWT validation failed: JWT is expired' },
    });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe('SailPoint rejected the credentials: JWT validation failed: JWT is expired');
  });

  test('429 body is {message}; retryAfter is whole seconds, at least 1', () => {
    const error = toGatewayError({
      kind: 'status',
      status: 429,
      body: { message: ' Rate Limit Exceeded ' },
      retryAfterMs: 2500,
    });
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.extensions.retryAfter).toBe(3);
    expect(
      toGatewayError({ kind: 'status', status: 429, body: {}, retryAfterMs: 0 }).extensions.retryAfter,
    ).toBe(1);
    expect(toGatewayError({ kind: 'status', status: 429, body: undefined }).extensions.retryAfter).toBe(1);
  });

  test('403 and 404 use ErrorResponseDto messages', () => {
    expect(
      toGatewayError({ kind: 'status', status: 403, body: errorResponse('Insufficient scope') }).message,
    ).toBe('The credentials are not allowed to read this from SailPoint: Insufficient scope');
    expect(toGatewayError({ kind: 'status', status: 404, body: undefined }).message).toBe(
      'Not found in SailPoint',
    );
  });

  test('5xx, network, timeout, invalid body and our own pacing', () => {
    const server = toGatewayError({
      kind: 'status',
      status: 503,
      body: '<html>bad gateway</html>',
      attempts: 3,
    });
    expect(server.code).toBe('UPSTREAM_ERROR');
    expect(server.message).toBe('SailPoint failed to answer (HTTP 503) after 3 attempts');
    expect(toGatewayError({ kind: 'network', attempts: 1 }).message).toBe('Could not reach SailPoint');
    expect(toGatewayError({ kind: 'timeout', timeoutMs: 100 }).code).toBe('UPSTREAM_TIMEOUT');
    expect(toGatewayError({ kind: 'invalid-body', status: 200 }).code).toBe('UPSTREAM_ERROR');
    const budget = toGatewayError({ kind: 'rate-budget', retryAfterMs: 4001 });
    expect(budget.code).toBe('RATE_LIMITED');
    expect(budget.extensions.retryAfter).toBe(5);
  });

  test('raw bodies never reach the message; text is scrubbed and truncated', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';
    const error = toGatewayError(
      { kind: 'status', status: 400, body: errorResponse(`bad token ${token} and ${'x'.repeat(1000)}`) },
      [token],
    );
    expect(error.message).not.toContain(token);
    expect(error.message.length).toBeLessThan(400);
    const html = toGatewayError({ kind: 'status', status: 400, body: '<html>secret stack trace</html>' });
    expect(html.message).toBe('SailPoint rejected the request');
  });

  test('an implausible trackingId is dropped', () => {
    const error = toGatewayError({
      kind: 'status',
      status: 500,
      body: errorResponse('x', 'https://evil/?a=b c'),
    });
    expect(error.extensions.trackingId).toBeUndefined();
  });

  test('token endpoint failures are upstream errors, except 429', () => {
    expect(tokenFailure(401, { error: 'invalid_client' }).code).toBe('UPSTREAM_ERROR');
    expect(tokenFailure(401, { error: 'invalid_client' }).message).toBe(
      'The gateway could not obtain its SailPoint token (HTTP 401)',
    );
    expect(tokenFailure(429, { message: 'slow down' }).code).toBe('RATE_LIMITED');
  });
});

describe('upstreamMessage', () => {
  test('prefers messages, then error, then message, then causes', () => {
    expect(upstreamMessage({ messages: [{ text: 'm' }], error: 'e' })).toBe('m');
    expect(upstreamMessage({ error: 'e', message: 'x' })).toBe('e');
    expect(upstreamMessage({ message: '  spaced \n out ' })).toBe('spaced out');
    expect(upstreamMessage({ causes: [{ text: 'c' }] })).toBe('c');
    expect(upstreamMessage({ messages: [] })).toBeUndefined();
    expect(upstreamMessage([1, 2])).toBeUndefined();
    expect(upstreamMessage(null)).toBeUndefined();
  });
});

describe('scrubSecrets', () => {
  test('removes known secrets, bearer headers, JWT-shaped strings and secret form fields', () => {
    const text =
      'Authorization: Bearer abc.def-123 token eyJabcdefg.eyJhijklmn.sig client_secret=s3cr3t&x=1 my-own-secret-value';
    const out = scrubSecrets(text, ['my-own-secret-value']);
    expect(out).not.toMatch(/abc\.def-123|eyJabcdefg|s3cr3t|my-own-secret-value/);
    expect(out).toContain('x=1');
  });

  test('short "secrets" are not applied (they would shred ordinary words)', () => {
    expect(scrubSecrets('the cat', ['cat'])).toBe('the cat');
  });
});

describe('scrubRequestError (got beforeError hook)', () => {
  test('strips the Authorization header and the token form body', () => {
    const options = new Options({
      url: 'https://tenant.example/oauth/token',
      method: 'POST',
      headers: { Authorization: 'Bearer eyJheader12.eyJpayload1.signature' },
      form: { client_id: 'id', client_secret: 'very-secret-value' },
    });
    const error = new RequestError('failed with Bearer eyJheader12.eyJpayload1.signature', {}, options);
    const scrubbed = scrubRequestError(error);
    expect(scrubbed.message).not.toContain('eyJheader12');
    expect(JSON.stringify(scrubbed.options.headers)).not.toContain('eyJheader12');
    expect(scrubbed.options.form).toBeUndefined();
    expect(JSON.stringify(scrubbed.options.body ?? '')).not.toContain('very-secret-value');
  });
});
