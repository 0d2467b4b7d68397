import fc from 'fast-check';
import { sha256Hex, trustedDocuments } from '../../../src/graphql/persisted/manifest.js';
import { resolveDocument, type DocumentParams } from '../../../src/graphql/persisted/resolve.js';

const LIST = 'query List { workflows(first: 2) { nodes { id } } }';
const ONE = 'query One($id: ID!) { workflow(id: $id) { name } }';
const trusted = trustedDocuments({ [sha256Hex(LIST)]: LIST, 'custom-id-1': ONE }, 'test manifest');
const open = { trusted, only: false };
const only = { trusted, only: true };
const apq = (hash: string): Record<string, unknown> => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('trustedDocuments', () => {
  it('finds documents by id, by sha256:<id>, and by the hash of their text', () => {
    expect(trusted.byId(sha256Hex(LIST))).toBe(LIST);
    expect(trusted.byId(`sha256:${sha256Hex(LIST)}`)).toBe(LIST);
    expect(trusted.byId('custom-id-1')).toBe(ONE);
    expect(trusted.bySha256(sha256Hex(ONE))).toBe(ONE);
    expect(trusted.byId(`sha256:${sha256Hex(ONE)}`)).toBe(ONE);
    expect(trusted.byId('nope')).toBeUndefined();
    const prefixed = trustedDocuments({ [`sha256:${sha256Hex(ONE)}`]: ONE }, 'preset v6 manifest');
    expect(prefixed.byId(sha256Hex(ONE))).toBe(ONE);
    expect(prefixed.bySha256(sha256Hex(ONE))).toBe(ONE);
    expect(trusted.size).toBe(2);
  });

  it('rejects manifests that are not an object of id -> document text', () => {
    for (const bad of [null, [], 'x', {}, { a: 1 }, { a: '' }, { '': LIST }]) {
      expect(() => trustedDocuments(bad, 'm.json')).toThrow(/^PERSISTED_DOCUMENTS: m\.json /);
    }
  });
});

describe('resolveDocument', () => {
  it('replaces a documentId by its text, and refuses unknown or malformed ids whatever the policy', () => {
    expect(resolveDocument({ documentId: 'custom-id-1' }, only)).toEqual({ kind: 'persisted', query: ONE });
    expect(resolveDocument({ documentId: `sha256:${sha256Hex(LIST)}` }, open)).toEqual({
      kind: 'persisted',
      query: LIST,
    });
    expect(resolveDocument({ documentId: 'nope' }, open).refusal?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect(
      resolveDocument({ documentId: 'x' }, { trusted: undefined, only: false }).refusal?.message,
    ).toMatch(/PERSISTED_DOCUMENTS is not set/);
    expect(resolveDocument({ documentId: 7 }, open).refusal?.code).toBe('BAD_REQUEST');
    expect(resolveDocument({ documentId: 'custom-id-1', query: ONE }, open).refusal?.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('serves a trusted APQ hash from the manifest and leaves other hashes to the APQ cache unless only', () => {
    expect(resolveDocument({ extensions: apq(sha256Hex(LIST)) }, only)).toEqual({
      kind: 'persisted',
      query: LIST,
    });
    expect(resolveDocument({ extensions: apq('f'.repeat(64)) }, open)).toEqual({ kind: 'apq' });
    expect(resolveDocument({ extensions: apq('f'.repeat(64)) }, only).refusal?.code).toBe(
      'PERSISTED_DOCUMENT_NOT_FOUND',
    );
    const text = '{ __typename }';
    expect(resolveDocument({ query: text, extensions: apq(sha256Hex(text)) }, open)).toEqual({ kind: 'apq' });
    expect(resolveDocument({ query: text, extensions: apq(sha256Hex(text)) }, only).refusal?.code).toBe(
      'PERSISTED_DOCUMENT_REQUIRED',
    );
    expect(resolveDocument({ query: LIST, extensions: apq(sha256Hex(LIST)) }, only)).toEqual({
      kind: 'persisted',
    });
  });

  it('counts query text as ad hoc unless it is a manifest document, and refuses it when only', () => {
    expect(resolveDocument({ query: '{ __typename }' }, open)).toEqual({ kind: 'ad_hoc' });
    expect(resolveDocument({ query: LIST }, only)).toEqual({ kind: 'persisted' });
    // Refused before parsing: unparsable text gets the same answer as valid text.
    expect(resolveDocument({ query: '{' }, only).refusal?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(resolveDocument({ query: { not: 'a string' } }, only).refusal?.code).toBe(
      'PERSISTED_DOCUMENT_REQUIRED',
    );
    expect(resolveDocument({}, only)).toEqual({ kind: undefined });
    expect(resolveDocument({ query: '{ __typename }' }, { trusted: undefined, only: false })).toEqual({
      kind: 'ad_hoc',
    });
  });

  it('with only, never lets a document through that is not in the manifest (property)', () => {
    const documents = [LIST, ONE];
    const anyText = fc.oneof(fc.constantFrom(...documents), fc.string());
    const params: fc.Arbitrary<DocumentParams> = fc.record(
      {
        query: fc.oneof(anyText, fc.constant(null), fc.integer()),
        documentId: fc.oneof(
          fc.constantFrom(sha256Hex(LIST), `sha256:${sha256Hex(ONE)}`, 'custom-id-1'),
          fc.string(),
          fc.integer(),
        ),
        extensions: fc.oneof(
          anyText.map((t) => apq(sha256Hex(t))),
          fc.string().map(apq),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(params, (p) => {
        const resolution = resolveDocument(p, only);
        if (resolution.refusal !== undefined || resolution.kind === undefined) return;
        expect(resolution.kind).toBe('persisted');
        // What Apollo will parse: the replacement, or the request's own text (Apollo then checks any hash).
        const parsed = resolution.query ?? p.query;
        expect(documents).toContain(parsed);
      }),
      { numRuns: 2000 },
    );
  });
});
