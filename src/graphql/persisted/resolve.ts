/**
 * Persisted documents (README "Persisted documents"): this file decides, before anything is parsed, which
 * document a request names: a trusted document (by `documentId`, by an APQ hash the manifest has, or by text that
 * is in the manifest), an automatic persisted query, or ad-hoc text. With PERSISTED_DOCUMENTS_ONLY everything but
 * a trusted document is refused here, so an untrusted document never reaches the parser. Pure: the HTTP layer
 * applies the result to the request. manifest.ts loads the client preset's manifest; apq-cache.ts keeps APQ
 * registrations on the shared Keyv store.
 */
import type { DocumentKind } from '../../observability/metrics.js';
import { sha256Hex, type TrustedDocuments } from './manifest.js';

/** The request fields that name a document (a POST body, or a GET's search params with `extensions` parsed). */
export interface DocumentParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

export type RefusalCode = 'PERSISTED_DOCUMENT_REQUIRED' | 'PERSISTED_DOCUMENT_NOT_FOUND' | 'BAD_REQUEST';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type Resolution =
  /** Hand to Apollo; `query` set = replace the request's document by this text and drop how it was named. */
  { refusal?: undefined; kind: DocumentKind | undefined; query?: string } | { refusal: Refusal };

export interface DocumentPolicy {
  trusted: TrustedDocuments | undefined;
  /** PERSISTED_DOCUMENTS_ONLY */
  only: boolean;
}

const REQUIRED: Refusal = {
  code: 'PERSISTED_DOCUMENT_REQUIRED',
  message:
    'This gateway runs only trusted documents (PERSISTED_DOCUMENTS_ONLY): send the documentId of an operation ' +
    "from the frontend's persisted-documents manifest instead of its text",
};

const notFound = (what: string, trusted: TrustedDocuments | undefined): Refusal => ({
  code: 'PERSISTED_DOCUMENT_NOT_FOUND',
  message:
    trusted === undefined
      ? 'This gateway has no trusted documents (PERSISTED_DOCUMENTS is not set): send the query text'
      : `No trusted document has this ${what}: the manifest the gateway loaded (PERSISTED_DOCUMENTS) does not ` +
        'list it; deploy the manifest built with this frontend',
});

/** `extensions.persistedQuery.sha256Hash` when it is a string. */
export function apqHash(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

export function resolveDocument(params: DocumentParams, { trusted, only }: DocumentPolicy): Resolution {
  const { query, documentId } = params;
  const text = typeof query === 'string' && query !== '' ? query : undefined;

  if (documentId !== undefined && documentId !== null) {
    if (typeof documentId !== 'string' || documentId === '') {
      return { refusal: { code: 'BAD_REQUEST', message: '`documentId` must be a non-empty string' } };
    }
    if (query !== undefined && query !== null) {
      return { refusal: { code: 'BAD_REQUEST', message: 'Send either `documentId` or `query`, not both' } };
    }
    const document = trusted?.byId(documentId);
    return document === undefined
      ? { refusal: notFound('documentId', trusted) }
      : { kind: 'persisted', query: document };
  }

  const hash = apqHash(params.extensions);
  if (hash !== undefined) {
    if (text === undefined) {
      const document = trusted?.bySha256(hash) ?? trusted?.byId(hash);
      if (document !== undefined) return { kind: 'persisted', query: document };
      return only ? { refusal: notFound('hash', trusted) } : { kind: 'apq' };
    }
    // Hash and text: the text is what gets parsed, so it alone decides trust; Apollo then checks that the hash
    // matches it (and registers the pair).
    if (trusted?.bySha256(sha256Hex(text)) !== undefined) return { kind: 'persisted' };
    return only ? { refusal: REQUIRED } : { kind: 'apq' };
  }

  // No query at all: Apollo answers its own BAD_REQUEST, and nothing is counted.
  if (text === undefined)
    return only && query !== undefined && query !== null ? { refusal: REQUIRED } : { kind: undefined };
  // Hashing the text costs ~1 µs per KB, and only when a manifest is loaded.
  if (trusted?.bySha256(sha256Hex(text)) !== undefined) return { kind: 'persisted' };
  return only ? { refusal: REQUIRED } : { kind: 'ad_hoc' };
}
