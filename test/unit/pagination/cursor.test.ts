import fc from 'fast-check';
import { GatewayError } from '../../../src/core/errors.js';
import {
  FOREIGN_CURSOR,
  MAX_CURSOR_OFFSET,
  connectionKey,
  cursorOffset,
  decodeCursor,
  encodeCursor,
  stableStringify,
} from '../../../src/pagination/cursor.js';

const keyArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
const cursorArb = fc.record({ offset: fc.nat({ max: MAX_CURSOR_OFFSET }), key: keyArb });
/** The text a cursor carries inside its base64url, for forging ones the encoder would refuse to make. */
const forged = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** The error a call throws, or undefined. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

function expectBadUserInput(fn: () => unknown, message?: string): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
  if (message !== undefined) expect((error as GatewayError).message).toBe(message);
}

describe('encodeCursor / decodeCursor', () => {
  test('round-trips every cursor', () => {
    fc.assert(fc.property(cursorArb, (cursor) => expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)));
  });

  test('round-trips the extremes: offset 0 and SailPoint int32 maximum', () => {
    expect(decodeCursor(encodeCursor({ offset: 0, key: '-' }))).toEqual({ offset: 0, key: '-' });
    expect(decodeCursor(encodeCursor({ offset: MAX_CURSOR_OFFSET, key: 'k' })).offset).toBe(2_147_483_647);
  });

  // The audit's forged cursor: 9,999,999,999,999 passed the old 16-digit check and earned an upstream 400.
  test.each([2_147_483_648, 9_999_999_999_999, 1_000_000_000_000_000, Number.MAX_SAFE_INTEGER])(
    'rejects a forged offset of %i (beyond SailPoint int32) as BAD_USER_INPUT',
    (offset) => {
      expectBadUserInput(() => decodeCursor(forged(`c1:k:${offset}`)));
      expect(() => encodeCursor({ offset, key: 'k' })).toThrow(/invalid cursor/);
    },
  );

  test('property: a well-formed cursor text decodes exactly when its offset fits int32', () => {
    fc.assert(
      fc.property(keyArb, fc.bigInt({ min: 0n, max: 10n ** 20n }), (key, offset) => {
        const text = forged(`c1:${key}:${offset}`);
        if (offset <= BigInt(MAX_CURSOR_OFFSET)) {
          expect(decodeCursor(text)).toEqual({ offset: Number(offset), key });
        } else {
          expectBadUserInput(() => decodeCursor(text));
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('is opaque base64url', () => {
    const text = encodeCursor({ offset: 42, key: 'abcDEF123_-x' });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('42');
  });

  test('decoding any string returns a cursor or throws BAD_USER_INPUT, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/)),
        (text) => {
          const error = thrown(() => decodeCursor(text));
          if (error !== undefined) {
            expect(error).toBeInstanceOf(GatewayError);
            expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('decoding a mutated cursor never yields a different valid cursor silently for another key', () => {
    fc.assert(
      fc.property(cursorArb, fc.nat(), fc.constantFrom(...'ABCxyz019_-'), (cursor, at, ch) => {
        const text = encodeCursor(cursor);
        const i = at % text.length;
        const mutated = text.slice(0, i) + ch + text.slice(i + 1);
        const error = thrown(() => decodeCursor(mutated));
        if (error !== undefined) expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
      }),
    );
  });

  test.each([
    ['empty', ''],
    ['not base64url', 'ab+/=='],
    ['non-canonical base64url (extra trailing bits)', `${encodeCursor({ offset: 1, key: 'k' })}A`],
    ['plain JSON', '{"offset":1}'],
    ['wrong version', Buffer.from('c2:k:1').toString('base64url')],
    ['negative offset', Buffer.from('c1:k:-1').toString('base64url')],
    ['leading zero', Buffer.from('c1:k:01').toString('base64url')],
    ['fractional offset', Buffer.from('c1:k:1.5').toString('base64url')],
    ['huge offset', Buffer.from('c1:k:99999999999999999').toString('base64url')],
    ['offset one past int32', Buffer.from('c1:k:2147483648').toString('base64url')],
    ['extra part', Buffer.from('c1:k:1:2').toString('base64url')],
    ['bad key characters', Buffer.from('c1:k!:1').toString('base64url')],
    ['too long', 'A'.repeat(500)],
  ])('rejects a malformed cursor: %s', (_name, text) => {
    expectBadUserInput(() => decodeCursor(text));
  });

  test('encodeCursor refuses values the planner never produces', () => {
    expect(() => encodeCursor({ offset: -1, key: 'k' })).toThrow();
    expect(() => encodeCursor({ offset: 1, key: 'a:b' })).toThrow();
  });
});

describe('cursorOffset', () => {
  test('returns the offset of a cursor of the same list', () => {
    expect(cursorOffset(encodeCursor({ offset: 7, key: 'list1' }), 'list1')).toBe(7);
  });

  test('rejects a cursor of another list with the documented message', () => {
    expectBadUserInput(
      () => cursorOffset(encodeCursor({ offset: 7, key: 'list1' }), 'list2'),
      FOREIGN_CURSOR,
    );
  });
});

describe('connectionKey', () => {
  test('is short base64url', () => {
    expect(connectionKey('Query.workflows', null, { a: 1 })).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  test('ignores key order and null/undefined members', () => {
    expect(connectionKey('f', null, { a: 1, b: { c: 'x', d: null } })).toBe(
      connectionKey('f', null, { b: { c: 'x' }, a: 1, e: undefined }),
    );
    expect(connectionKey('f', null, { filter: {} })).toBe(connectionKey('f', null, undefined));
  });

  test('differs by field, parent and list arguments', () => {
    const base = connectionKey('Workflow.executions', 'w1', { filters: 'status eq "Failed"' });
    expect(connectionKey('Workflow.executions', 'w2', { filters: 'status eq "Failed"' })).not.toBe(base);
    expect(connectionKey('Query.other', 'w1', { filters: 'status eq "Failed"' })).not.toBe(base);
    expect(connectionKey('Workflow.executions', 'w1', { filters: 'status eq "Completed"' })).not.toBe(base);
  });

  test('stableStringify keeps array order and turns holes into null', () => {
    expect(stableStringify([2, 1, null])).toBe('[2,1,null]');
    expect(stableStringify({ b: 1, a: [{ y: 1, x: 2 }] })).toBe('{"a":[{"x":2,"y":1}],"b":1}');
  });
});
