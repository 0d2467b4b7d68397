/** The custom scalars of the schema (`DateTime`, `JSON`); validation of date-times lives in core/datetime.ts. */
import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import { parseDateTimeInput } from '../core/datetime.js';
import { badUserInput } from '../core/errors.js';

export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description:
    'An RFC 3339 date-time with a zone; output strings are passed through verbatim (nanoseconds kept).',
  // Output is SailPoint's own string, untouched: parsing into Date would drop nanoseconds and change the zone.
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    throw new GraphQLError(`DateTime cannot represent ${typeof value} value`);
  },
  parseValue: (value) => parseDateTimeInput(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badUserInput(`DateTime must be a string, got ${ast.kind}`);
    return parseDateTimeInput(ast.value);
  },
});

export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Arbitrary JSON passed through as is.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast: ValueNode, variables) => valueFromASTUntyped(ast, variables),
});

export const scalars = { DateTime, JSON: JSONScalar };
