/**
 * Trusted documents: the manifest graphql-codegen's client preset writes with `persistedDocuments: true`
 * (`persisted-documents.json`, an object of document id -> document text), loaded once at startup. A document is
 * found by its manifest id (as sent in `documentId`, with or without the `sha256:` prefix) or by the SHA-256 of
 * its text (what an APQ hash is), so clients may use either protocol with the same manifest.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { PersistedDocumentsConfig } from '../../config/index.js';

export interface TrustedDocuments {
  /** The document with this manifest id; `sha256:<hex>` and `<hex>` find each other's ids. */
  byId(documentId: string): string | undefined;
  /** The document whose text has this SHA-256 (lowercase hex), as an APQ hash names it. */
  bySha256(hash: string): string | undefined;
  readonly size: number;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const SHA256_PREFIX = 'sha256:';

/** Validates a parsed manifest; `source` names it in errors (the path, never the content). */
export function trustedDocuments(manifest: unknown, source: string): TrustedDocuments {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`PERSISTED_DOCUMENTS: ${source} is not a JSON object of document id -> document`);
  }
  const byId = new Map<string, string>();
  const bySha256 = new Map<string, string>();
  for (const [id, document] of Object.entries(manifest)) {
    if (id === '' || typeof document !== 'string' || document.trim() === '') {
      throw new Error(
        `PERSISTED_DOCUMENTS: ${source} has an entry that is not a non-empty id -> document string`,
      );
    }
    byId.set(id, document);
    // Indexed by the text's own hash too: the client preset's ids are that hash, but a custom hash function (or
    // a `sha256:` prefix in the ids) would otherwise keep APQ-style requests from finding the document.
    bySha256.set(sha256Hex(document), document);
  }
  if (byId.size === 0) throw new Error(`PERSISTED_DOCUMENTS: ${source} has no documents`);
  return {
    byId(documentId) {
      const direct = byId.get(documentId);
      if (direct !== undefined) return direct;
      // The client preset (v6) writes `sha256:<hex>` ids, older versions and other tools bare hex: either form
      // of the id finds the document.
      if (!documentId.startsWith(SHA256_PREFIX)) return byId.get(`${SHA256_PREFIX}${documentId}`);
      const hash = documentId.slice(SHA256_PREFIX.length);
      return byId.get(hash) ?? bySha256.get(hash.toLowerCase());
    },
    bySha256: (hash) => bySha256.get(hash.toLowerCase()),
    size: byId.size,
  };
}

/** Reads and validates the manifest file; a missing or invalid file stops the start with a clear message. */
export async function loadTrustedDocuments(path: string): Promise<TrustedDocuments> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(
      `PERSISTED_DOCUMENTS: cannot read ${path} (${typeof code === 'string' ? code : 'error'})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`PERSISTED_DOCUMENTS: ${path} is not valid JSON`);
  }
  return trustedDocuments(parsed, path);
}

/** The trusted-documents manifest (PERSISTED_DOCUMENTS), read once before serving; a bad file stops the start. */
export async function loadPersistedDocuments(
  config: PersistedDocumentsConfig,
  logger: Logger,
): Promise<TrustedDocuments | undefined> {
  const path = config.manifestPath;
  if (path === undefined) return undefined;
  const trusted = await loadTrustedDocuments(path);
  logger.info({ documents: trusted.size, only: config.only }, 'persisted documents manifest loaded');
  return trusted;
}
