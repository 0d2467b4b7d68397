import fc from 'fast-check';
import { EXECUTION_FILTER_RULES, checkFilter, parseFilter } from '../../../src/demo-tenant/filter/index.js';
import type {
  WorkflowExecutionFilter,
  WorkflowExecutionStatus,
} from '../../../src/__generated__/resolvers-types.js';
import { badInput, expectBijection } from '../pagination/assertions.js';
import type { WorkflowDto } from '../../../src/upstream/types.js';
import {
  WORKFLOW_EXECUTION_EVENT_TYPE,
  WORKFLOW_EXECUTION_STATUS,
  WORKFLOW_TRIGGER_TYPE,
  filterWorkflows,
  instantOf,
  sortWorkflows,
  toExecutionQuery,
  toWorkflowListQuery,
} from '../../../src/workflows/translate.js';

describe('enum maps', () => {
  test('WorkflowExecutionStatus', () => {
    expectBijection(WORKFLOW_EXECUTION_STATUS);
    expect(WORKFLOW_EXECUTION_STATUS.fromUpstream('Executing')).toBe('UNKNOWN');
    expect(WORKFLOW_EXECUTION_STATUS.fromUpstream('constructor')).toBe('UNKNOWN');
  });

  test('WorkflowTriggerType: "" is NONE', () => {
    expectBijection(WORKFLOW_TRIGGER_TYPE);
    expect(WORKFLOW_TRIGGER_TYPE.fromUpstream('')).toBe('NONE');
  });

  test('WorkflowExecutionEventType', () => {
    expectBijection(WORKFLOW_EXECUTION_EVENT_TYPE);
    expect(Object.keys(WORKFLOW_EXECUTION_EVENT_TYPE.toUpstream)).toHaveLength(16);
    expect(WORKFLOW_EXECUTION_EVENT_TYPE.fromUpstream('WorkflowExecutionScheduled')).toBe(
      'WORKFLOW_EXECUTION_SCHEDULED',
    );
    expect(WORKFLOW_EXECUTION_EVENT_TYPE.fromUpstream('StartChildWorkflowExecutionInitiated')).toBe(
      'START_CHILD_WORKFLOW_EXECUTION_INITIATED',
    );
  });
});

describe('toExecutionQuery', () => {
  test('status and start_time (snake_case), joined with and', () => {
    expect(toExecutionQuery({ status: { eq: 'FAILED' }, startTime: { ge: '2026-01-01T00:00:00Z' } })).toEqual(
      {
        filters: 'status eq "Failed" and start_time ge 2026-01-01T00:00:00Z',
      },
    );
  });

  test('every date-time operator in a fixed order (eq, gt, ge, lt, le), nanoseconds kept', () => {
    expect(
      toExecutionQuery({
        startTime: {
          eq: '2026-01-01T00:00:00.123456789Z',
          lt: '2026-02-01T00:00:00Z',
          le: '2026-02-01T00:00:00+01:00',
          gt: '2025-01-01T00:00:00Z',
          ge: '2025-06-01T00:00:00Z',
        },
      }).filters,
    ).toBe(
      'start_time eq 2026-01-01T00:00:00.123456789Z and start_time gt 2025-01-01T00:00:00Z and ' +
        'start_time ge 2025-06-01T00:00:00Z and start_time lt 2026-02-01T00:00:00Z and start_time le 2026-02-01T00:00:00+01:00',
    );
  });

  test.each<WorkflowExecutionStatus>(['COMPLETED', 'FAILED', 'CANCELED', 'RUNNING', 'QUEUED'])(
    'status %s is quoted',
    (status) => {
      expect(toExecutionQuery({ status: { eq: status } }).filters).toBe(
        `status eq "${WORKFLOW_EXECUTION_STATUS.toUpstream[status as Exclude<WorkflowExecutionStatus, 'UNKNOWN'>]}"`,
      );
    },
  );

  test('UNKNOWN cannot be filtered on', () => {
    expect(badInput(() => toExecutionQuery({ status: { eq: 'UNKNOWN' } }))).toMatch(
      /`filter.status.eq` cannot be UNKNOWN/,
    );
  });

  test('an invalid date-time is BAD_USER_INPUT naming the argument', () => {
    expect(badInput(() => toExecutionQuery({ startTime: { ge: '2026-01-01' } }))).toMatch(
      /`filter.startTime.ge`/,
    );
  });

  test('no filter, an empty filter, or only nulls -> no filters param', () => {
    expect(toExecutionQuery(undefined)).toEqual({});
    expect(toExecutionQuery(null)).toEqual({});
    expect(toExecutionQuery({})).toEqual({});
    expect(toExecutionQuery({ status: null, startTime: {} })).toEqual({});
    expect(toExecutionQuery({ status: { eq: null }, startTime: { ge: null } })).toEqual({});
  });

  const dateTimeArb = fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());
  const opsArb = fc.record(
    {
      eq: fc.option(dateTimeArb),
      lt: fc.option(dateTimeArb),
      le: fc.option(dateTimeArb),
      gt: fc.option(dateTimeArb),
      ge: fc.option(dateTimeArb),
    },
    { requiredKeys: [] },
  );
  const filterArb: fc.Arbitrary<WorkflowExecutionFilter> = fc.record(
    {
      status: fc.option(
        fc.record(
          {
            eq: fc.option(
              fc.constantFrom<WorkflowExecutionStatus>(
                'COMPLETED',
                'FAILED',
                'CANCELED',
                'RUNNING',
                'QUEUED',
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
      startTime: fc.option(opsArb),
    },
    { requiredKeys: [] },
  );

  test('translated filters never contain undefined or empty params, and SailPoint executions accept them', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const query = toExecutionQuery(filter);
        for (const value of Object.values(query)) expect(value).not.toBe('');
        if (query.filters === undefined) {
          expect(Object.keys(query)).toEqual([]);
          return;
        }
        expect(query.filters).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\s\s|^\s|\s$/);
        checkFilter(parseFilter(query.filters), EXECUTION_FILTER_RULES);
      }),
    );
  });
});

const wf = (over: Partial<WorkflowDto> & { id: string }): WorkflowDto => over;

describe('workflow list query (filter, sort in the gateway)', () => {
  const list: WorkflowDto[] = [
    wf({
      id: '1',
      name: 'Provision Access',
      enabled: true,
      trigger: { type: 'EVENT' },
      owner: { id: 'o1' },
      created: '2026-01-02T00:00:00Z',
    }),
    wf({
      id: '2',
      name: 'nightly report',
      enabled: false,
      trigger: { type: 'SCHEDULED' },
      owner: { id: 'o2' },
      created: '2026-01-01T00:00:00.000000002Z',
    }),
    wf({
      id: '3',
      name: 'Access review',
      trigger: { type: '' },
      owner: { id: 'o1' },
      created: '2026-01-01T00:00:00.000000001Z',
    }),
    wf({ id: '4', trigger: { type: 'WEBHOOK' } }),
    wf({ id: '5', name: 'access cleanup', enabled: true }),
  ];
  const ids = (items: WorkflowDto[]): string[] => items.map((w) => w.id);

  test('normalises nulls away and defaults direction to ASC', () => {
    expect(toWorkflowListQuery({ enabled: null, nameContains: 'x' }, [{ field: 'NAME' }])).toEqual({
      filter: { nameContains: 'x' },
      orderBy: [{ field: 'NAME', direction: 'ASC' }],
    });
    expect(badInput(() => toWorkflowListQuery(null, [{ field: 'NAME' }, { field: 'NAME' }]))).toMatch(
      /NAME more than once/,
    );
  });

  test('enabled: absent counts as disabled (SailPoint default false)', () => {
    expect(ids(filterWorkflows(list, { enabled: true }))).toEqual(['1', '5']);
    expect(ids(filterWorkflows(list, { enabled: false }))).toEqual(['2', '3', '4']);
  });

  test('triggerType: "" and no trigger are NONE; unknown types are UNKNOWN', () => {
    expect(ids(filterWorkflows(list, { triggerType: 'NONE' }))).toEqual(['3', '5']);
    expect(ids(filterWorkflows(list, { triggerType: 'UNKNOWN' }))).toEqual(['4']);
    expect(ids(filterWorkflows(list, { triggerType: 'EVENT' }))).toEqual(['1']);
  });

  test('ownerId and case-insensitive nameContains, all must hold', () => {
    expect(ids(filterWorkflows(list, { ownerId: 'o1' }))).toEqual(['1', '3']);
    expect(ids(filterWorkflows(list, { nameContains: 'ACCESS' }))).toEqual(['1', '3', '5']);
    expect(ids(filterWorkflows(list, { nameContains: 'access', ownerId: 'o1', enabled: true }))).toEqual([
      '1',
    ]);
    expect(ids(filterWorkflows(list, {}))).toEqual(['1', '2', '3', '4', '5']);
  });

  test('sort by name, case-insensitive, nulls last in both directions', () => {
    expect(ids(sortWorkflows(list, [{ field: 'NAME', direction: 'ASC' }]))).toEqual([
      '5',
      '3',
      '2',
      '1',
      '4',
    ]);
    expect(ids(sortWorkflows(list, [{ field: 'NAME', direction: 'DESC' }]))).toEqual([
      '1',
      '2',
      '3',
      '5',
      '4',
    ]);
  });

  test('sort by created compares instants beyond milliseconds', () => {
    expect(ids(sortWorkflows(list, [{ field: 'CREATED', direction: 'ASC' }]))).toEqual([
      '3',
      '2',
      '1',
      '4',
      '5',
    ]);
    expect(ids(sortWorkflows(list, [{ field: 'CREATED', direction: 'DESC' }]))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  test('instants across zones', () => {
    const a = instantOf('2026-01-01T01:00:00+01:00');
    const b = instantOf('2026-01-01T00:00:00Z');
    expect(a).toEqual(b);
    expect(instantOf('garbage')).toBeNull();
    expect(instantOf(undefined)).toBeNull();
  });

  test('sorting is stable and a permutation', () => {
    const arb: fc.Arbitrary<WorkflowDto[]> = fc.array(
      fc.record({
        id: fc.uuid(),
        name: fc.option(fc.constantFrom('a', 'B', 'b', 'c'), { nil: undefined }),
        modified: fc.option(fc.constantFrom('2026-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), {
          nil: undefined,
        }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'), (workflows, direction) => {
        const sorted = sortWorkflows(workflows, [{ field: 'MODIFIED', direction }]);
        expect([...ids(sorted)].sort()).toEqual([...ids(workflows)].sort());
        // Stable: equal keys keep their input order.
        for (let i = 1; i < sorted.length; i++) {
          const [p, c] = [sorted[i - 1] as WorkflowDto, sorted[i] as WorkflowDto];
          if (p.modified === c.modified) expect(workflows.indexOf(p)).toBeLessThan(workflows.indexOf(c));
          if (c.modified !== undefined) expect(p.modified).toBeDefined();
        }
      }),
    );
  });

  test('no orderBy keeps upstream order', () => {
    expect(ids(sortWorkflows(list, []))).toEqual(['1', '2', '3', '4', '5']);
  });
});
