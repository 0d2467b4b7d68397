import type { FilterExpr, FilterRules, FieldAccessors } from '../filter/index.js';
import { FilterRuleError, FilterSyntaxError, checkFilter, parseFilter } from '../filter/index.js';
import { timestampNanos } from '../time.js';
import { badRequest } from './errors.js';

/** Decoded query parameters (first value of each) plus the names that occurred more than once. */
export interface QueryParams {
  values: Readonly<Record<string, string>>;
  repeated: ReadonlySet<string>;
}

export function readQuery(search: string): QueryParams {
  // No prototype: a parameter named __proto__ or constructor is just a parameter.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(search)) {
    if (name in values) repeated.add(name);
    else values[name] = value;
  }
  return { values, repeated };
}

/**
 * The value of a parameter the endpoint declares. A repeated one is a 400: which copy SailPoint would use is
 * unknown, and a gateway sending two is buggy either way.
 */
export function param(query: QueryParams, name: string): string | undefined {
  if (query.repeated.has(name)) throw badRequest(`Query parameter '${name}' must not be repeated`);
  return query.values[name];
}

export const MAX_LIMIT = 250;
const INT32_MAX = 2_147_483_647;
const DIGITS = /^\d+$/;

export interface Paging {
  limit: number;
  offset: number;
}

/** `limit` 0..250 (default 250) and `offset` >= 0 (default 0), decimal digits only. */
export function parsePaging(query: QueryParams): Paging {
  const limitText = param(query, 'limit');
  const offsetText = param(query, 'offset');
  let limit = MAX_LIMIT;
  let offset = 0;
  if (limitText !== undefined) {
    if (!DIGITS.test(limitText) || Number(limitText) > MAX_LIMIT) {
      throw badRequest(`Invalid limit '${limitText}': must be an integer from 0 to ${MAX_LIMIT}`);
    }
    limit = Number(limitText);
  }
  if (offsetText !== undefined) {
    if (!DIGITS.test(offsetText) || Number(offsetText) > INT32_MAX) {
      throw badRequest(`Invalid offset '${offsetText}': must be a non-negative 32-bit integer`);
    }
    offset = Number(offsetText);
  }
  return { limit, offset };
}

/** `count` is a boolean: exactly `true` or `false`. */
export function parseCount(query: QueryParams): boolean {
  const text = param(query, 'count');
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw badRequest(`Invalid count '${text}': must be true or false`);
}

export interface SortKey {
  field: string;
  descending: boolean;
}

/**
 * `sorters=f1,-f2`. Strict: no blanks around commas, no empty entries, no repeated fields, only the
 * endpoint's documented fields.
 */
export function parseSorters(text: string, allowed: readonly string[]): SortKey[] {
  if (text === '') throw badRequest('Invalid sorters: the value is empty');
  const seen = new Set<string>();
  return text.split(',').map((entry) => {
    const descending = entry.startsWith('-');
    const field = descending ? entry.slice(1) : entry;
    if (field === '') throw badRequest(`Invalid sorters '${text}': empty sort field`);
    if (!allowed.includes(field)) {
      throw badRequest(`Invalid sorter field '${field}': supported sort fields are ${allowed.join(', ')}`);
    }
    if (seen.has(field)) throw badRequest(`Invalid sorters '${text}': field '${field}' is repeated`);
    seen.add(field);
    return { field, descending };
  });
}

/** Parses and validates `filters`; every problem becomes a 400 naming the field, operator or position. */
export function parseFilterParam(text: string, rules: FilterRules): FilterExpr {
  try {
    const expr = parseFilter(text);
    checkFilter(expr, rules);
    return expr;
  } catch (error) {
    if (error instanceof FilterSyntaxError || error instanceof FilterRuleError) {
      throw badRequest(`Invalid filters: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Stable sort by the keys, then by id so pages never overlap or skip. Nulls sort as the largest value
 * (last ascending, first descending), as in PostgreSQL.
 */
export function sortRecords<T>(
  records: readonly T[],
  keys: readonly SortKey[],
  accessors: FieldAccessors<T>,
  idOf: (record: T) => string,
): T[] {
  const compareKey = (a: T, b: T, key: SortKey): number => {
    const accessor = accessors[key.field];
    if (!accessor) throw new Error(`no sort accessor for ${key.field}`);
    const x = accessor.get(a);
    const y = accessor.get(b);
    const xNull = x === null || x === undefined;
    const yNull = y === null || y === undefined;
    let order: number;
    if (xNull || yNull) order = xNull === yNull ? 0 : xNull ? 1 : -1;
    else if (accessor.type === 'datetime') {
      const nx = timestampNanos(String(x));
      const ny = timestampNanos(String(y));
      order = nx < ny ? -1 : nx > ny ? 1 : 0;
    } else {
      const sx = String(x);
      const sy = String(y);
      order = sx < sy ? -1 : sx > sy ? 1 : 0;
    }
    return key.descending ? -order : order;
  };
  return [...records].sort((a, b) => {
    for (const key of keys) {
      const order = compareKey(a, b, key);
      if (order !== 0) return order;
    }
    const ia = idOf(a);
    const ib = idOf(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}
