import type { FieldAccessors, FilterRules } from '../../../src/demo-tenant/filter/index.js';
import {
  ACCOUNT_ACTIVITY_FILTER_RULES,
  EXECUTION_FILTER_RULES,
  FilterRuleError,
  INVOCATION_STATUS_FILTER_RULES,
  checkFilter,
  matches,
  parseFilter,
} from '../../../src/demo-tenant/filter/index.js';

function ruleError(text: string, rules: FilterRules): FilterRuleError {
  try {
    checkFilter(parseFilter(text), rules);
  } catch (error) {
    if (error instanceof FilterRuleError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' to be rejected`);
}

const accepts = (text: string, rules: FilterRules) =>
  expect(() => checkFilter(parseFilter(text), rules)).not.toThrow();

describe('checkFilter: workflow executions', () => {
  const rules = EXECUTION_FILTER_RULES;

  it.each(['eq', 'lt', 'le', 'gt', 'ge'])('accepts start_time %s with a date-time', (op) => {
    accepts(`start_time ${op} 2026-01-01T00:00:00Z`, rules);
    accepts(`start_time ${op} "2026-01-01T00:00:00.123456789+02:00"`, rules);
  });

  it('accepts status eq, a quoted date-time without a zone, not and parentheses', () => {
    accepts('status eq "Failed"', rules);
    accepts('start_time gt "2024-03-21T00:00:00"', rules);
    accepts('not (status eq "Failed" or status eq "Canceled") and start_time ge 2026-01-01T00:00:00Z', rules);
  });

  it('rejects unsupported operators, naming field and operator', () => {
    const e = ruleError('status gt "x"', rules);
    expect(e.message).toBe("Operator 'gt' is not supported for field 'status' (supported: eq)");
    expect(e.field).toBe('status');
    expect(e.operator).toBe('gt');
    expect(ruleError('start_time ne 2026-01-01T00:00:00Z', rules).operator).toBe('ne');
    expect(ruleError('status in ("Failed")', rules).operator).toBe('in');
    expect(ruleError('status isnull', rules).operator).toBe('isnull');
    expect(ruleError('pr status', rules).operator).toBe('pr');
  });

  it('rejects unknown fields, including camelCase startTime (quirk Q4) and closeTime', () => {
    const e = ruleError('foo eq 1', rules);
    expect(e.message).toBe(
      "Field 'foo' is not supported for filtering on this endpoint (supported: start_time, status)",
    );
    expect(e.field).toBe('foo');
    expect(e.operator).toBeUndefined();
    expect(ruleError('startTime ge 2026-01-01T00:00:00Z', rules).field).toBe('startTime');
    expect(ruleError('closeTime ge 2026-01-01T00:00:00Z', rules).field).toBe('closeTime');
    expect(ruleError('status eq "Failed" and workflowId eq "x"', rules).field).toBe('workflowId');
    expect(ruleError('not (STATUS eq "Failed")', rules).field).toBe('STATUS');
  });

  it('rejects values of the wrong type', () => {
    expect(ruleError('start_time gt 5', rules).message).toBe(
      "Field 'start_time' needs a date-time value (e.g. 2026-01-01T00:00:00Z), got number 5",
    );
    expect(ruleError('start_time gt "yesterday"', rules).message).toMatch(
      /needs a date-time value .* got string "yesterday"/,
    );
    expect(ruleError('start_time gt true', rules).message).toMatch(/got boolean true/);
    expect(ruleError('status eq 1', rules).message).toBe(
      "Field 'status' with operator 'eq' needs a double-quoted string value, got number 1",
    );
    expect(ruleError('status eq 2026-01-01T00:00:00Z', rules).message).toMatch(
      /needs a double-quoted string value, got datetime/,
    );
  });
});

describe('checkFilter: trigger invocation statuses', () => {
  const rules = INVOCATION_STATUS_FILTER_RULES;

  it('accepts triggerId eq and subscriptionId eq', () => {
    accepts('triggerId eq "idn:access-request-dynamic-approver"', rules);
    accepts('subscriptionId eq "0f11f2a4-7c94-4bf3-a2bd-742580fe3bde" or triggerId eq "x"', rules);
  });

  it('rejects other operators and fields', () => {
    expect(ruleError('triggerId ne "x"', rules).message).toBe(
      "Operator 'ne' is not supported for field 'triggerId' (supported: eq)",
    );
    expect(ruleError('triggerId sw "idn:"', rules).operator).toBe('sw');
    expect(ruleError('created gt 2026-01-01T00:00:00Z', rules).field).toBe('created');
    expect(ruleError('subscriptionName eq "x"', rules).field).toBe('subscriptionName');
  });
});

describe('checkFilter: account activities', () => {
  const rules = ACCOUNT_ACTIVITY_FILTER_RULES;

  it.each(['eq', 'ge', 'le', 'lt', 'ne', 'sw'])('accepts type %s', (op) =>
    accepts(`type ${op} "app"`, rules),
  );
  it.each(['gt', 'lt', 'ge', 'le', 'eq', 'ne'])('accepts created and modified %s', (op) => {
    accepts(`created ${op} 2026-01-01T00:00:00Z`, rules);
    accepts(`modified ${op} "2026-01-01T00:00:00Z"`, rules);
  });

  it('accepts in, isnull and sw on every field', () => {
    accepts('type in ("Identity Refresh","appRequest")', rules);
    accepts('type isnull', rules);
    accepts('created in (2026-01-01T00:00:00Z, "2026-02-01T00:00:00Z")', rules);
    accepts('modified isnull', rules);
    accepts('created sw "2026-01"', rules);
    accepts('not (type eq "Certification") and created gt 2026-01-01T00:00:00Z', rules);
  });

  it('rejects the operators the endpoint does not list', () => {
    expect(ruleError('type gt "a"', rules).message).toBe(
      "Operator 'gt' is not supported for field 'type' (supported: eq, in, ge, le, lt, ne, isnull, sw)",
    );
    expect(ruleError('type co "Refresh"', rules).operator).toBe('co');
    expect(ruleError('created co "2026"', rules).operator).toBe('co');
    expect(ruleError('pr type', rules).operator).toBe('pr');
    expect(ruleError('type ca ("a")', rules).operator).toBe('ca');
  });

  it('rejects wrong value types, also inside lists', () => {
    expect(ruleError('type in ("appRequest", 1)', rules).message).toMatch(
      /'type' with operator 'in' needs a double-quoted string value, got number 1/,
    );
    expect(ruleError('created in (2026-01-01T00:00:00Z, "soon")', rules).message).toMatch(
      /needs a date-time value/,
    );
    expect(ruleError('created sw 2026-01-01T00:00:00Z', rules).message).toMatch(
      /'created' with operator 'sw' needs a double-quoted string/,
    );
    expect(ruleError('requesterIdentitySummary.id eq "x"', rules).field).toBe('requesterIdentitySummary.id');
  });
});

interface Row {
  id: string;
  status: string | null;
  at: string | null;
}

const fields: FieldAccessors<Row> = {
  status: { type: 'string', get: (r) => r.status },
  at: { type: 'datetime', get: (r) => r.at },
};
const rows: Row[] = [
  { id: 'a', status: 'Failed', at: '2026-01-01T00:00:00.000000001Z' },
  { id: 'b', status: 'Completed', at: '2026-01-01T00:00:00Z' },
  { id: 'c', status: null, at: '2025-12-31T23:00:00.5Z' },
  { id: 'd', status: 'Canceled', at: null },
];
const select = (text: string): string[] =>
  rows.filter((r) => matches(parseFilter(text), r, fields)).map((r) => r.id);

describe('matches', () => {
  it('compares strings exactly and case-sensitively', () => {
    expect(select('status eq "Failed"')).toEqual(['a']);
    expect(select('status eq "failed"')).toEqual([]);
    expect(select('status sw "C"')).toEqual(['b', 'd']);
    expect(select('status co "ance"')).toEqual(['d']);
    expect(select('status ge "Canceled"')).toEqual(['a', 'b', 'd']);
    expect(select('status lt "Completed"')).toEqual(['d']);
    expect(select('status in ("Failed", "Canceled")')).toEqual(['a', 'd']);
  });

  it('compares date-times as instants with nanosecond precision, whatever the notation', () => {
    expect(select('at gt 2026-01-01T00:00:00Z')).toEqual(['a']);
    expect(select('at ge 2026-01-01T00:00:00.000000000Z')).toEqual(['a', 'b']);
    expect(select('at eq 2026-01-01T01:00:00+01:00')).toEqual(['b']);
    expect(select('at eq "2026-01-01T00:00:00"')).toEqual(['b']);
    expect(select('at lt 2025-12-31T23:00:00.500000001Z')).toEqual(['c']);
    expect(select('at le 2025-12-31T18:00:00.5-05:00')).toEqual(['c']);
    expect(select('at in (2026-01-01T00:00:00Z, 2025-12-31T23:00:00.5Z)')).toEqual(['b', 'c']);
    expect(select('at sw "2026-01-01T00:00:00."')).toEqual(['a']);
  });

  it('treats comparisons with missing values as unknown, as SQL does', () => {
    expect(select('status isnull')).toEqual(['c']);
    expect(select('pr status')).toEqual(['a', 'b', 'd']);
    expect(select('status ne "Failed"')).toEqual(['b', 'd']);
    expect(select('not (status eq "Failed")')).toEqual(['b', 'd']);
    expect(select('not (at isnull)')).toEqual(['a', 'b', 'c']);
    expect(select('status eq "Canceled" or at isnull')).toEqual(['d']);
    expect(select('status ne "x" or at gt 2000-01-01T00:00:00Z')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('combines with and, or, not and parentheses', () => {
    expect(select('status eq "Failed" or status eq "Completed" and at gt 2026-01-01T00:00:00Z')).toEqual([
      'a',
    ]);
    expect(select('(status eq "Failed" or status eq "Completed") and at le 2026-01-01T00:00:00Z')).toEqual([
      'b',
    ]);
    expect(select('not status eq "Failed" and pr at')).toEqual(['b']);
  });

  it('throws on a field without an accessor (checkFilter should have refused it)', () => {
    expect(() => matches(parseFilter('nope eq "x"'), rows[0] as Row, fields)).toThrow(/no accessor/);
  });
});
