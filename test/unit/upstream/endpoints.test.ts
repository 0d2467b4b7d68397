import fc from 'fast-check';
import { GatewayError } from '../../../src/core/errors.js';
import {
  encodeIdSegment,
  resolveEndpoint,
  toSearchParams,
  type EndpointName,
} from '../../../src/upstream/endpoints.js';

describe('resolveEndpoint', () => {
  const cases: [EndpointName, string | undefined, string, string][] = [
    ['listWorkflows', undefined, 'workflows/v1', 'v2025/workflows'],
    ['getWorkflow', 'w1', 'workflows/v1/w1', 'v2025/workflows/w1'],
    ['listWorkflowExecutions', 'w1', 'workflows/v1/w1/executions', 'v2025/workflows/w1/executions'],
    ['getWorkflowExecution', 'e1', 'workflow-executions/v1/e1', 'v2025/workflow-executions/e1'],
    [
      'getWorkflowExecutionHistory',
      'e1',
      'workflow-executions/v1/e1/history',
      'v2025/workflow-executions/e1/history',
    ],
    [
      'listTriggerInvocationStatuses',
      undefined,
      'trigger-invocations/v1/status',
      'v2025/trigger-invocations/status',
    ],
    ['listAccountActivities', undefined, 'account-activities/v1', 'v2025/account-activities'],
    ['getAccountActivity', 'a1', 'account-activities/v1/a1', 'v2025/account-activities/a1'],
  ];

  test.each(cases)('%s in both path styles', (name, id, v1, legacy) => {
    expect(resolveEndpoint('v1', name, id).path).toBe(v1);
    expect(resolveEndpoint('v2025', name, id).path).toBe(legacy);
    expect(resolveEndpoint('beta', name, id).path).toBe(legacy.replace('v2025', 'beta'));
    expect(resolveEndpoint('v2024', name, id).path).toBe(legacy.replace('v2025', 'v2024'));
  });

  test('templates never contain ids', () => {
    expect(resolveEndpoint('v1', 'listWorkflowExecutions', 'secret-id').template).toBe(
      'GET /workflows/v1/{id}/executions',
    );
    expect(resolveEndpoint('v2025', 'getAccountActivity', 'secret-id').template).toBe(
      'GET /v2025/account-activities/{id}',
    );
  });

  test('TTL kind: workflow definitions vs everything else', () => {
    expect(resolveEndpoint('v1', 'listWorkflows').ttl).toBe('workflow');
    expect(resolveEndpoint('v1', 'getWorkflow', 'x').ttl).toBe('workflow');
    expect(resolveEndpoint('v1', 'listWorkflowExecutions', 'x').ttl).toBe('default');
  });

  test('an id cannot change the path', () => {
    expect(resolveEndpoint('v1', 'getWorkflow', '../x').path).toBe('workflows/v1/..%2Fx');
    expect(resolveEndpoint('v1', 'getWorkflow', 'a/b?c=d#e').path).toBe('workflows/v1/a%2Fb%3Fc%3Dd%23e');
    expect(resolveEndpoint('v1', 'getWorkflow', '%2e%2e').path).toBe('workflows/v1/%252e%252e');
  });

  test.each(['', '.', '..'])('id %j is refused as BAD_USER_INPUT', (id) => {
    expect(() => resolveEndpoint('v1', 'getWorkflow', id)).toThrow(GatewayError);
    try {
      encodeIdSegment(id);
    } catch (error) {
      expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    }
  });

  test('a lone surrogate is refused, not a crash', () => {
    expect(() => encodeIdSegment('\uD800')).toThrow(GatewayError);
  });

  // The same validateId the identity arguments get: by-id roots and `_entities` all end up here.
  test.each([
    ['x'.repeat(20_000), '`id` must be at most 128 characters long; got 20000'],
    ['x'.repeat(129), '`id` must be at most 128 characters long; got 129'],
    ['a\uDC00', '`id` contains an unpaired UTF-16 surrogate, which cannot be sent to SailPoint'],
    ['a b', '`id` must be a non-empty id without whitespace or control characters'],
    ['a\u0000', '`id` must be a non-empty id without whitespace or control characters'],
  ])('id %# is BAD_USER_INPUT naming the argument and the limit', (id, message) => {
    expect(() => resolveEndpoint('v1', 'getAccountActivity', id)).toThrow(message);
    expect(() => resolveEndpoint('v1', 'getAccountActivity', id)).toThrow(GatewayError);
  });

  test('an id of exactly 128 characters is sent', () => {
    expect(resolveEndpoint('v1', 'getAccountActivity', 'x'.repeat(128)).path).toBe(
      `account-activities/v1/${'x'.repeat(128)}`,
    );
  });

  test('property: any id is one segment that the URL parser keeps and decodes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (id) => {
        let segment: string;
        try {
          segment = encodeIdSegment(id);
        } catch (error) {
          return (
            error instanceof GatewayError &&
            error.code === 'BAD_USER_INPUT' &&
            (id === '.' || id === '..' || id.length > 128 || !/^[^\s\p{Cc}]+$/u.test(id))
          );
        }
        const url = new URL(`workflows/v1/${segment}/executions`, 'https://tenant.example/base/');
        const parts = url.pathname.split('/');
        return (
          parts.length === 6 &&
          parts[1] === 'base' &&
          parts[3] === 'v1' &&
          parts[5] === 'executions' &&
          decodeURIComponent(parts[4] as string) === id &&
          url.search === '' &&
          url.hash === ''
        );
      }),
    );
  });
});

describe('toSearchParams', () => {
  test('only what was asked for, as strings, unencoded', () => {
    expect(toSearchParams({ offset: 0, limit: 50 })).toEqual({ limit: '50', offset: '0' });
    expect(
      toSearchParams({
        offset: 250,
        limit: 250,
        filters: 'status eq "Failed" and start_time ge 2026-01-01T00:00:00Z',
        sorters: '-created,triggerId',
        count: true,
      }),
    ).toEqual({
      limit: '250',
      offset: '250',
      filters: 'status eq "Failed" and start_time ge 2026-01-01T00:00:00Z',
      sorters: '-created,triggerId',
      count: 'true',
    });
  });

  test('count=false and empty strings are left out', () => {
    expect(toSearchParams({ offset: 0, limit: 1, count: false, filters: '', sorters: '' })).toEqual({
      limit: '1',
      offset: '0',
    });
  });

  test('account activity identity parameters use SailPoint names', () => {
    expect(
      toSearchParams({
        offset: 0,
        limit: 10,
        requestedFor: 'me',
        requestedBy: 'id-2',
        regardingIdentity: undefined,
      }),
    ).toEqual({ limit: '10', offset: '0', 'requested-for': 'me', 'requested-by': 'id-2' });
    expect(toSearchParams({ offset: 0, limit: 10, regardingIdentity: 'id-3' })).toEqual({
      limit: '10',
      offset: '0',
      'regarding-identity': 'id-3',
    });
  });
});
