import { badUserInput } from './errors.js';

/**
 * The `id` of an `_entities` representation. A router always sends it, but a hand-written request may not, and
 * DataLoader throws a TypeError on `load(undefined)`: a bug-shaped 500 for the whole `_entities` list. Call it
 * in an async `__resolveReference`, so a bad representation fails only its own item. A number is taken as
 * GraphQL's `ID` input coercion would.
 */
export function referenceId(typename: string, reference: { id?: unknown }): string {
  const { id } = reference;
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  throw badUserInput(`A \`${typename}\` representation needs its \`id\` (a string)`);
}
