/** RFC 3339 date-times as the gateway accepts them from callers (DateTime inputs and filter values). */
import { badUserInput } from './errors.js';

// RFC 3339 `date-time` (section 5.6). Only `T` between date and time (RFC 3339 also allows a space), because
// DateTime inputs are written unquoted into SailPoint filters, where a space would end the token.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `value` is an RFC 3339 date-time with a zone (`Z` or `+hh:mm`), up to nanosecond precision. */
export function isRfc3339DateTime(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  // Seconds 60 (leap seconds) are valid RFC 3339 but not accepted by Java's parsers SailPoint runs on.
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[9] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

/**
 * Validates a caller's date-time and returns it with `t`/`z` upper-cased (the form SailPoint documents), else
 * BAD_USER_INPUT naming the argument.
 */
export function parseDateTimeInput(value: unknown, where = 'DateTime'): string {
  if (typeof value !== 'string' || !isRfc3339DateTime(value)) {
    throw badUserInput(
      `${where} must be an RFC 3339 date-time with a zone, e.g. 2026-01-01T00:00:00Z or 2026-01-01T01:00:00+01:00; got ${JSON.stringify(value)?.slice(0, 60)}`,
    );
  }
  return value.toUpperCase();
}
