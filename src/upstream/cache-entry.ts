/**
 * The format of one request's entry in the shared cache, and the conversion between a fetched response and the
 * result the client sees. Separate from the pipeline because it is a pure codec: a format change is made and
 * tested here without touching pacing or retries.
 */
import type { UpstreamResult } from './client.js';
import { isInvalidJson, parseJson } from './parse.js';

/**
 * What the shared cache holds for one request: a string, so no store serializes anything. A found body is kept as
 * the response text SailPoint sent (already validated as JSON when it arrived), so a write costs nothing and a
 * hit costs one JSON.parse, which is also the fresh copy each reader may mutate.
 *
 *   v2\nF<totalCount or empty>\n<body text>    found
 *   v2\nN\n                                    "does not exist" (404 of a by-id lookup)
 *
 * Versioned so a format change never misreads old entries (v1 entries, Keyv's JSON objects, are simply misses).
 */
const ENTRY_VERSION = 'v2\n';

/** A result as it came off the wire: the parsed body and the text it was parsed from. */
export type Fetched = { found: true; body: unknown; text: string; totalCount?: number } | { found: false };

export const toResult = (fetched: Fetched): UpstreamResult =>
  fetched.found
    ? fetched.totalCount === undefined
      ? { found: true, body: fetched.body }
      : { found: true, body: fetched.body, totalCount: fetched.totalCount }
    : { found: false };

export function encodeEntry(fetched: Fetched): string {
  if (!fetched.found) return `${ENTRY_VERSION}N\n`;
  return `${ENTRY_VERSION}F${fetched.totalCount ?? ''}\n${fetched.text}`;
}

/** The cached result, or undefined for anything that is not a well-formed current entry (then it is a miss). */
export function decodeEntry(entry: string): UpstreamResult | undefined {
  if (!entry.startsWith(ENTRY_VERSION)) return undefined;
  const metaEnd = entry.indexOf('\n', ENTRY_VERSION.length);
  if (metaEnd < 0) return undefined;
  const meta = entry.slice(ENTRY_VERSION.length, metaEnd);
  if (meta === 'N') return { found: false };
  if (meta[0] !== 'F') return undefined;
  const count = meta.slice(1);
  if (count !== '' && !/^\d+$/.test(count)) return undefined;
  const body = parseJson(entry.slice(metaEnd + 1));
  if (isInvalidJson(body)) return undefined;
  return count === '' ? { found: true, body } : { found: true, body, totalCount: Number(count) };
}
