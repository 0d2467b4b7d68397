import fc from 'fast-check';
import { Kind, parseValue } from 'graphql';
import { GatewayError } from '../../../src/core/errors.js';
import { DateTime, JSONScalar } from '../../../src/graphql/scalars.js';
import { isRfc3339DateTime, parseDateTimeInput } from '../../../src/core/datetime.js';

describe('DateTime', () => {
  test('output strings pass through verbatim (nanoseconds and zone kept)', () => {
    for (const value of ['2022-02-07T20:13:29.356648026Z', '2026-01-01T01:00:00+01:00', 'not even a date']) {
      expect(DateTime.serialize(value)).toBe(value);
    }
    expect(DateTime.serialize(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
    expect(() => DateTime.serialize(42)).toThrow(/DateTime cannot represent/);
  });

  test.each([
    '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.1Z',
    '2022-02-07T20:13:29.356648026Z',
    '2026-12-31T23:59:59-12:00',
    '2024-02-29T00:00:00+14:00',
    '2026-01-01t00:00:00z',
  ])('accepts %s', (value) => {
    expect(isRfc3339DateTime(value)).toBe(true);
    expect(DateTime.parseValue(value)).toBe(value.toUpperCase());
    expect(DateTime.parseLiteral({ kind: Kind.STRING, value })).toBe(value.toUpperCase());
  });

  test.each([
    '2026-01-01',
    '2026-01-01T00:00:00',
    '2026-01-01 00:00:00Z',
    '2026-01-01T00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00.1234567891Z',
    '2026-01-01T00:00:00+0100',
    ' 2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00Z\n',
  ])('rejects %j with BAD_USER_INPUT', (value) => {
    expect(isRfc3339DateTime(value)).toBe(false);
    const error = (() => {
      try {
        return DateTime.parseValue(value);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
  });

  test('rejects non-string inputs, literal and variable', () => {
    expect(() => DateTime.parseValue(1735689600)).toThrow(/RFC 3339/);
    expect(() => DateTime.parseLiteral(parseValue('123'))).toThrow(/must be a string/);
  });

  test('every Date.toISOString() is accepted, and nothing accepted breaks out of an unquoted filter token', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(isRfc3339DateTime(d.toISOString())).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (value) => {
        if (isRfc3339DateTime(value)) expect(parseDateTimeInput(value)).toMatch(/^[0-9T:.+Z-]+$/);
      }),
    );
  });
});

describe('JSON', () => {
  test('passes any JSON value through both ways', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSONScalar.serialize(value)).toBe(value);
        expect(JSONScalar.parseValue(value)).toBe(value);
      }),
    );
  });

  test('literals become plain values', () => {
    expect(JSONScalar.parseLiteral(parseValue('{ a: [1, "x", true, null], b: { c: 2.5 } }'))).toEqual({
      a: [1, 'x', true, null],
      b: { c: 2.5 },
    });
  });
});
