import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode, Token } from 'graphql';

/**
 * Apollo's cache of parsed and validated documents, bounded by the bytes its entries really retain.
 *
 * Apollo's default store is an LRU of "30 MiB", but it sizes an entry by `JSON.stringify(document)`, and a
 * node's `loc` serializes as `{start, end}`: the source text every node's location points to (`loc.source.body`)
 * and the token list (`loc.startToken`, linked through `next`) are retained yet never counted. A document
 * padded with 1 MB of whitespace or comments (which no token limit sees) then counts as a few hundred bytes and
 * keeps a megabyte alive, and a thousand distinct ones keep a gigabyte. Here an entry is sized by its source
 * text plus an estimate of its tokens and nodes, which is also far cheaper than stringifying the tree.
 */

/** A token object, the Location objects pointing at it and the AST node around it, on V8 (measured ~150-250 B). */
const BYTES_PER_TOKEN = 256;

/** Estimated bytes a parsed document keeps alive: its source (V8 one-byte or two-byte string) and its tree. */
export function documentBytes(document: DocumentNode): number {
  const loc = document.loc;
  if (loc === undefined) return JSON.stringify(document).length;
  const body = loc.source.body;
  // eslint-disable-next-line no-control-regex
  const charBytes = /[^\u0000-\u00ff]/.test(body) ? 2 : 1;
  let tokens = 0;
  for (let token: Token | null = loc.startToken; token !== null; token = token.next) tokens += 1;
  return body.length * charBytes + tokens * BYTES_PER_TOKEN;
}

/**
 * The `documentStore` for ApolloServer: at most `maxBytes` of retained source and tree (0 turns caching off, so
 * every request parses and validates again).
 */
export function createDocumentStore(maxBytes: number): InMemoryLRUCache<DocumentNode> | null {
  if (maxBytes === 0) return null;
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) => Math.max(1, documentBytes(document)),
  });
}
