/**
 * Reading SailPoint's response text: JSON that may not be JSON (a proxy's HTML 502, an empty body) and the
 * `X-Total-Count` header. Shared by the retry loop, the cache entry decoder and the token call, none of which
 * should let a parse failure escape as an exception.
 */
import type { IncomingHttpHeaders } from 'node:http';

const INVALID_JSON = Symbol('invalid JSON');

export function parseJson(text: string): unknown {
  if (text.trim() === '') return INVALID_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}
export const isInvalidJson = (value: unknown): value is typeof INVALID_JSON => value === INVALID_JSON;

/** `X-Total-Count` as a number, or undefined when absent or not a non-negative integer. */
export function parseTotalCount(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers['x-total-count'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}
