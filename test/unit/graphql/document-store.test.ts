import { parse } from 'graphql';
import { createDocumentStore, documentBytes } from '../../../src/graphql/document-store.js';

describe('documentBytes', () => {
  it('counts the source a document retains, whitespace and comments included', () => {
    const plain = documentBytes(parse('{ __typename }'));
    const padded = documentBytes(parse(`{ __typename ${' '.repeat(100_000)}}`));
    const commented = documentBytes(parse(`{ __typename }\n#${'x'.repeat(100_000)}`));
    expect(padded - plain).toBeGreaterThanOrEqual(100_000);
    expect(commented - plain).toBeGreaterThanOrEqual(100_000);
  });

  it('counts two bytes per character for a source V8 stores as two-byte', () => {
    const ascii = documentBytes(parse(`{ __typename } #${'e'.repeat(1000)}`));
    const wide = documentBytes(parse(`{ __typename } #${'€'.repeat(1000)}`));
    expect(wide - ascii).toBeGreaterThanOrEqual(1000);
  });

  it('counts tokens, so many small fields weigh more than few', () => {
    const few = documentBytes(parse('{ a }'));
    const many = documentBytes(parse(`{ ${Array.from({ length: 100 }, (_, i) => `f${i}`).join(' ')} }`));
    expect(many - few).toBeGreaterThan(100 * 100);
  });
});

describe('createDocumentStore', () => {
  it('keeps at most maxBytes of documents, evicting the least recently used', async () => {
    const store = createDocumentStore(250_000);
    if (store === null) throw new Error('expected a store');
    for (let i = 0; i < 10; i++) await store.set(`d${i}`, parse(`{ a${i} ${' '.repeat(100_000)}}`));
    const kept = store.keys();
    expect(kept).toEqual(['d9', 'd8']);
  });

  it('is off (null, Apollo then caches nothing) at 0 bytes', () => {
    expect(createDocumentStore(0)).toBeNull();
  });
});
