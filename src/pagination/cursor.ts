import { createHash } from 'node:crypto';
import { badUserInput } from '../core/errors.js';

/**
 * An opaque Relay cursor: the offset of one item in one list. `key` binds it to the connection (field, parent
 * object and normalised filter/order arguments) so a cursor cannot be replayed against another list, where the
 * same offset would silently mean a different item.
 */
export interface Cursor {
  offset: number;
  key: string;
}

const VERSION = 'c1';
/** base64url alphabet, as produced by connectionKey(). */
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const OFFSET_PATTERN = /^(?:0|[1-9][0-9]{0,9})$/;
/**
 * SailPoint's `offset` is an int32 (UPSTREAM.md section 3): no list the gateway pages can have an item beyond it,
 * so a larger offset is a forged cursor, and passing it on would only earn an upstream 400.
 */
export const MAX_CURSOR_OFFSET = 2 ** 31 - 1;
/** Longest cursor we ever emit is ~70 characters; anything much longer is not ours and not worth decoding. */
const MAX_CURSOR_LENGTH = 200;

const MALFORMED =
  'Malformed cursor: pass back an `endCursor`/`startCursor` (or edge `cursor`) exactly as returned';
export const FOREIGN_CURSOR =
  'This cursor belongs to a different list or to other filter/order arguments; start again without `after`/`before`';

export function encodeCursor(cursor: Cursor): string {
  if (
    !Number.isSafeInteger(cursor.offset) ||
    cursor.offset < 0 ||
    cursor.offset > MAX_CURSOR_OFFSET ||
    !KEY_PATTERN.test(cursor.key)
  ) {
    // Programming error, not caller input: the key comes from connectionKey() and offsets from the planner.
    throw new Error(`encodeCursor: invalid cursor ${JSON.stringify(cursor)}`);
  }
  return Buffer.from(`${VERSION}:${cursor.key}:${cursor.offset}`, 'utf8').toString('base64url');
}

/** Decodes any caller-supplied string; never throws anything but BAD_USER_INPUT. */
export function decodeCursor(text: string): Cursor {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CURSOR_LENGTH)
    throw badUserInput(MALFORMED);
  // Node's base64url decoder skips characters outside the alphabet; requiring the canonical re-encoding makes
  // exactly one string decode to each cursor, so tampered or truncated cursors are rejected rather than guessed at.
  const raw = Buffer.from(text, 'base64url');
  if (raw.toString('base64url') !== text) throw badUserInput(MALFORMED);
  const parts = raw.toString('utf8').split(':');
  if (parts.length !== 3) throw badUserInput(MALFORMED);
  const [version, key, offset] = parts as [string, string, string];
  if (version !== VERSION || !KEY_PATTERN.test(key) || !OFFSET_PATTERN.test(offset))
    throw badUserInput(MALFORMED);
  const value = Number(offset);
  if (value > MAX_CURSOR_OFFSET) throw badUserInput(MALFORMED);
  return { offset: value, key };
}

/** Decodes a cursor and checks it belongs to the connection with `key`; returns its offset. */
export function cursorOffset(text: string, key: string): number {
  const cursor = decodeCursor(text);
  if (cursor.key !== key) throw badUserInput(FOREIGN_CURSOR);
  return cursor.offset;
}

/**
 * JSON with object keys sorted and `null`/`undefined` members (and objects left empty by dropping them) removed,
 * so arguments that mean the same list (`filter: {status: null}` vs no filter) give the same string.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'null';
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = normalise((value as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value === null ? undefined : value;
}

/**
 * Short hash naming one list: the GraphQL field (e.g. `Workflow.executions`), its parent object's id, and the
 * normalised arguments that decide which items are in the list and in what order (never first/last/after/before,
 * so a cursor stays valid when the page size changes).
 */
export function connectionKey(field: string, parentId: string | null, listArgs: unknown): string {
  return createHash('sha256')
    .update(stableStringify([field, parentId ?? '', listArgs ?? null]))
    .digest('base64url')
    .slice(0, 12);
}
