import fc from 'fast-check';
import { GatewayError } from '../../../src/core/errors.js';
import { MAX_ID_LENGTH } from '../../../src/core/ids.js';
import {
  MAX_NODE_ID_LENGTH,
  NODE_TYPES,
  crc32,
  decodeNodeId,
  encodeNodeId,
  type NodeRef,
} from '../../../src/core/node-id.js';

/** Ids validateId accepts: non-empty, bounded, no whitespace, control characters or lone surrogates. */
const validId = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: MAX_ID_LENGTH })
  .filter((s) => s.length <= MAX_ID_LENGTH && /^[^\s\p{Cc}\p{Cs}]+$/u.test(s));
const nodeRef: fc.Arbitrary<NodeRef> = fc.record({ type: fc.constantFrom(...NODE_TYPES), id: validId });

const BASE64URL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes, or returns the BAD_USER_INPUT error; anything else thrown fails the test. */
function attempt(nodeId: string): NodeRef | GatewayError {
  try {
    return decodeNodeId(nodeId);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    return error as GatewayError;
  }
}

describe('node ids', () => {
  it('decode to the type and id they were encoded from', () => {
    fc.assert(
      fc.property(nodeRef, ({ type, id }) => {
        const nodeId = encodeNodeId(type, id);
        expect(nodeId).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(nodeId.length).toBeLessThanOrEqual(MAX_NODE_ID_LENGTH);
        expect(decodeNodeId(nodeId)).toEqual({ type, id });
      }),
    );
  });

  it('differ from the SailPoint id and between types of the same id', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const ids = NODE_TYPES.map((type) => encodeNodeId(type, id));
        expect(new Set(ids).size).toBe(NODE_TYPES.length);
        expect(ids).not.toContain(id);
      }),
    );
  });

  it('of any string either decode or fail with BAD_USER_INPUT', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/)),
        (s) => {
          const result = attempt(s);
          // Whatever decodes re-encodes to the same string: there is exactly one spelling of each node.
          if (!(result instanceof GatewayError)) expect(encodeNodeId(result.type, result.id)).toBe(s);
        },
      ),
    );
  });

  it('with any one character changed are refused', () => {
    fc.assert(
      fc.property(nodeRef, fc.nat(), fc.constantFrom(...BASE64URL_CHARS), ({ type, id }, at, char) => {
        const nodeId = encodeNodeId(type, id);
        const i = at % nodeId.length;
        fc.pre(nodeId[i] !== char);
        const tampered = nodeId.slice(0, i) + char + nodeId.slice(i + 1);
        expect(attempt(tampered)).toBeInstanceOf(GatewayError);
      }),
      { numRuns: 2000 },
    );
  });

  it('truncated, extended or with a character dropped are refused', () => {
    fc.assert(
      fc.property(nodeRef, fc.nat(), fc.constantFrom(...BASE64URL_CHARS), ({ type, id }, at, char) => {
        const nodeId = encodeNodeId(type, id);
        const i = at % nodeId.length;
        expect(attempt(nodeId.slice(0, i))).toBeInstanceOf(GatewayError);
        expect(attempt(nodeId.slice(0, i) + nodeId.slice(i + 1))).toBeInstanceOf(GatewayError);
        expect(attempt(nodeId + char)).toBeInstanceOf(GatewayError);
      }),
    );
  });

  it('name the argument and say where a valid id comes from', () => {
    expect(() => decodeNodeId('not-a-node-id', 'nodeIds[2]')).toThrow(
      '`nodeIds[2]` is not a node id issued by this gateway (read it from a `nodeId` field)',
    );
    // The SailPoint id itself is not a node id.
    expect(attempt('2c9180835d2e5168015d32f890ca1581')).toBeInstanceOf(GatewayError);
    expect(attempt('')).toBeInstanceOf(GatewayError);
    expect(attempt('A'.repeat(MAX_NODE_ID_LENGTH + 1))).toBeInstanceOf(GatewayError);
  });

  // Hand-built payloads with a valid CRC: only a forger (or a later version of this gateway) writes these.
  const forge = (version: number, text: string): string => {
    const body = Buffer.concat([Buffer.from([version]), Buffer.from(text, 'utf8')]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(body));
    return Buffer.concat([body, crc]).toString('base64url');
  };

  it('refuse other versions, types that are not Nodes and invalid ids, even with a valid checksum', () => {
    expect(forge(1, 'Workflow:wf-1')).toBe(encodeNodeId('Workflow', 'wf-1'));
    expect(() => decodeNodeId(forge(2, 'Workflow:wf-1'))).toThrow(
      '`nodeId` has node id version 2, which this gateway does not know',
    );
    expect(() => decodeNodeId(forge(1, 'Identity:id-1'))).toThrow(
      '`nodeId` names a type that is not a Node: `Identity`',
    );
    expect(() => decodeNodeId(forge(1, 'Workflow'))).toThrow('names a type that is not a Node');
    expect(() => decodeNodeId(forge(1, 'Workflow:'))).toThrow('must be a non-empty id');
    expect(() => decodeNodeId(forge(1, 'Workflow:a b'))).toThrow('must be a non-empty id');
    expect(() => decodeNodeId(forge(1, `Workflow:${'x'.repeat(MAX_ID_LENGTH + 1)}`))).toThrow(
      'must be at most 128 characters',
    );
  });

  it('refuse bytes that are not UTF-8 and non-canonical base64url', () => {
    const body = Buffer.from([1, 0xff, 0xfe]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(body));
    expect(attempt(Buffer.concat([body, crc]).toString('base64url'))).toBeInstanceOf(GatewayError);
    // 'AQ' and 'AR' decode to the same byte; only the canonical spelling is accepted.
    const nodeId = encodeNodeId('Workflow', 'wf');
    const last = nodeId.at(-1) as string;
    const sibling = BASE64URL_CHARS[BASE64URL_CHARS.indexOf(last) ^ 1] as string;
    // 16 bytes: the last character carries 2 bits and 4 unused ones, the lowest of which this flips.
    expect(Buffer.from(nodeId.slice(0, -1) + sibling, 'base64url')).toEqual(Buffer.from(nodeId, 'base64url'));
    expect(attempt(nodeId.slice(0, -1) + sibling)).toBeInstanceOf(GatewayError);
  });

  it('use the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
