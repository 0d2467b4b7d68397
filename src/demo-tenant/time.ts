/**
 * Timestamps as SailPoint writes them. Workflow services send nanoseconds (9 fractional digits), other services
 * milliseconds, some none at all; comparisons therefore work on epoch nanoseconds (bigint), never on Date, which
 * would silently drop everything below the millisecond.
 */

/** Bound once: under Jest's vm context every global lookup (Math...) costs ~15x more, and seeding makes
 * hundreds of thousands of them. */
const { floor } = Math;

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

/** Fractional-second digits to write: 0 (none), 3 (ms) or 9 (ns). */
export type Precision = 0 | 3 | 9;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `ms` is an integer epoch (years 1970..9999); `subMsNanos` (0..999999) only shows with precision 9.
 * Hand-rolled (days-to-civil conversion) because Date#toISOString was the bulk of seeding time.
 */
export function formatTimestamp(ms: number, precision: Precision, subMsNanos = 0): string {
  const whole = floor(ms);
  const days = floor(whole / MS_PER_DAY);
  let rest = whole - days * MS_PER_DAY;
  const hour = floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = floor(rest / 1000);
  const milli = rest - second * 1000;
  const z = days + 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const day = doy - floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const base = `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  if (precision === 0) return `${base}Z`;
  if (precision === 3) return `${base}.${pad3(milli)}Z`;
  return `${base}.${pad3(milli)}${`${subMsNanos}`.padStart(6, '0')}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const RFC3339_OPTIONAL_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Epoch nanoseconds of an RFC 3339 date-time, or null when the text is not one (including impossible dates such
 * as Feb 30). `allowMissingZone` admits `2024-03-21T00:00:00` read as UTC: a community report (api-specs#67) has
 * SailPoint accepting that form when quoted.
 */
export function parseTimestamp(text: string, allowMissingZone = false): bigint | null {
  const m = (allowMissingZone ? RFC3339_OPTIONAL_ZONE : RFC3339).exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0'));
  return BigInt(ms - offsetMinutes * 60_000) * 1_000_000n + fraction;
}

const cache = new Map<string, bigint>();

/**
 * parseTimestamp for values from the dataset, memoised: sorting thousands of records would otherwise parse the
 * same strings n log n times per request.
 */
export function timestampNanos(text: string): bigint {
  let v = cache.get(text);
  if (v === undefined) {
    const parsed = parseTimestamp(text, true);
    if (parsed === null) throw new Error(`not a timestamp: ${text}`);
    v = parsed;
    if (cache.size > 200_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

export function nanosOfMs(ms: number): bigint {
  return BigInt(floor(ms)) * 1_000_000n;
}
