/**
 * Relay global object ids (`Node.nodeId`). Entity `id`s stay SailPoint's ids, which Federation keys and existing
 * clients depend on; a node id adds the type, so `Query.node` knows which loader answers it without asking
 * SailPoint. The encoding is opaque to clients: base64url (no padding) of
 *
 *   [version byte 0x01] [UTF-8 "<Type>:<SailPoint id>"] [CRC-32 of the preceding bytes, little-endian]
 *
 * The version byte lets a later encoding coexist with this one. The CRC is not security (anyone can build a
 * valid id for any SailPoint id, which is fine: SailPoint still checks the caller's access); it makes a
 * mangled id (truncated, a character changed by a copy-paste slip) an error instead of a lookup of some other
 * id. CRC-32 detects every error burst of up to 32 bits, and one base64url character covers 6 bits of at most
 * two adjacent bytes, so every single-character change of an id is detected (a property test checks it).
 */
import { badUserInput, type GatewayError } from './errors.js';
import { MAX_ID_LENGTH, idError } from './ids.js';

/** The types that implement `Node`, one per loader that answers them by id. */
export const NODE_TYPES = [
  'Workflow',
  'WorkflowExecution',
  'TriggerInvocationStatus',
  'AccountActivity',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export interface NodeRef {
  type: NodeType;
  id: string;
}

const VERSION = 1;
const CRC_BYTES = 4;
/** Longest type name plus ':' plus the longest id (each UTF-16 unit at most 3 UTF-8 bytes), version and CRC. */
const MAX_PAYLOAD_BYTES =
  1 + Math.max(...NODE_TYPES.map((t) => t.length)) + 1 + 3 * MAX_ID_LENGTH + CRC_BYTES;
/** base64url of MAX_PAYLOAD_BYTES: longer strings are refused before they are decoded. */
export const MAX_NODE_ID_LENGTH = Math.ceil((MAX_PAYLOAD_BYTES * 4) / 3);
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Fatal: bytes that are not UTF-8 were not written by encodeNodeId. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as zlib and PNG), written out because `zlib.crc32` needs Node 20.15 or later. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const isNodeType = (value: string): value is NodeType => (NODE_TYPES as readonly string[]).includes(value);

export function encodeNodeId(type: NodeType, id: string): string {
  const body = Buffer.from(`${type}:${id}`, 'utf8');
  const payload = Buffer.alloc(1 + body.length + CRC_BYTES);
  payload[0] = VERSION;
  body.copy(payload, 1);
  payload.writeUInt32LE(crc32(payload.subarray(0, 1 + body.length)), 1 + body.length);
  return payload.toString('base64url');
}

const notIssued = (where: string): GatewayError =>
  badUserInput(`\`${where}\` is not a node id issued by this gateway (read it from a \`nodeId\` field)`);

/**
 * The type and SailPoint id of a node id, or a BAD_USER_INPUT error naming the argument. Decoding never depends
 * on SailPoint, so an invalid id costs no upstream call.
 */
export function decodeNodeId(nodeId: string, where = 'nodeId'): NodeRef {
  if (nodeId.length > MAX_NODE_ID_LENGTH || !BASE64URL.test(nodeId)) throw notIssued(where);
  const payload = Buffer.from(nodeId, 'base64url');
  // Node's decoder ignores stray trailing bits; only the canonical spelling of the bytes is an id we issued.
  if (payload.length <= 1 + CRC_BYTES || payload.toString('base64url') !== nodeId) throw notIssued(where);
  const end = payload.length - CRC_BYTES;
  if (crc32(payload.subarray(0, end)) !== payload.readUInt32LE(end)) throw notIssued(where);
  if (payload[0] !== VERSION) {
    throw badUserInput(`\`${where}\` has node id version ${payload[0]}, which this gateway does not know`);
  }
  let text: string;
  try {
    text = UTF8.decode(payload.subarray(1, end));
  } catch {
    throw notIssued(where);
  }
  const colon = text.indexOf(':');
  const type = colon < 0 ? '' : text.slice(0, colon);
  if (!isNodeType(type)) throw badUserInput(`\`${where}\` names a type that is not a Node: \`${type}\``);
  const id = text.slice(colon + 1);
  const invalid = idError(id, where);
  if (invalid !== undefined) throw invalid;
  return { type, id };
}
