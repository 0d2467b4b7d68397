import fc from 'fast-check';
import { GraphQLEnumType } from 'graphql';
import type { UpstreamEnum } from '../../../src/core/enums.js';
import { GatewayError } from '../../../src/core/errors.js';
import { subgraphSchema } from './harness.js';

/** Runs `fn`, expects a BAD_USER_INPUT GatewayError, returns its message. */
export function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    return (error as GatewayError).message;
  }
  throw new Error('expected BAD_USER_INPUT');
}

/**
 * The map covers exactly the members of the schema's enum of the same name except UNKNOWN, maps them to distinct
 * upstream values and back, and every other upstream string gives UNKNOWN.
 */
export function expectBijection<G extends string>(e: UpstreamEnum<G>): void {
  const type = subgraphSchema().getType(e.name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${e.name} is not an enum of the schema`);
  const graphqlMembers = type.getValues().map((v) => v.name);
  expect(graphqlMembers).toContain('UNKNOWN');
  const entries = Object.entries(e.toUpstream) as [G, string][];
  expect(entries.map(([g]) => g).sort()).toEqual(graphqlMembers.filter((m) => m !== 'UNKNOWN').sort());
  expect(new Set(entries.map(([, u]) => u)).size).toBe(entries.length);
  for (const [g, u] of entries) expect(e.fromUpstream(u)).toBe(g);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.constantFrom(...entries.map(([, u]) => u))), (value) => {
      const g = e.fromUpstream(value);
      if (g === 'UNKNOWN') expect(Object.values(e.toUpstream)).not.toContain(value);
      else expect(e.toUpstream[g]).toBe(value);
    }),
  );
}
