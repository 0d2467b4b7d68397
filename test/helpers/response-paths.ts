import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Response paths (a GraphQL error's `path`) read against the response and the schema: what is at a path, which
 * field's type declares it, and a copy of a response with some paths nulled. For the tests that check where a
 * failure's null lands (partial data). Responses must carry `__typename` on objects of an abstract type, as the
 * whole-schema queries do on every object.
 */

export type ResponsePath = readonly (string | number)[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `path`; `undefined` when the path does not exist (e.g. a parent on it is null). */
export function valueAt(data: unknown, path: ResponsePath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(value) : !isRecord(value)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

export interface PathType {
  /** The declared type of the value at the path (a field's type, or a list's item type). */
  type: GraphQLOutputType;
  /** `Type.field` of the last field on the path, with `[]` when the path ends in a list item. */
  coordinate: string;
}

/**
 * The type the schema declares for the value at `path` of `data` (a Query result, response keys being field
 * names, i.e. no aliases). An abstract type is narrowed by the `__typename` in the data.
 */
export function typeAt(schema: GraphQLSchema, data: unknown, path: ResponsePath): PathType {
  let parent: GraphQLObjectType = schema.getQueryType() as GraphQLObjectType;
  let type: GraphQLOutputType | undefined;
  let coordinate = '';
  let value = data;
  for (const segment of path) {
    if (type !== undefined) {
      const nullable = getNullableType(type);
      if (typeof segment === 'number') {
        if (!isListType(nullable)) throw new Error(`typeAt: ${path.join('.')}: index into ${String(type)}`);
        type = nullable.ofType as GraphQLOutputType;
        coordinate = `${coordinate.replace(/\[\]$/, '')}[]`;
        value = valueAt(value, [segment]);
        continue;
      }
      const typename = isRecord(value) ? value['__typename'] : undefined;
      const named = schema.getType(typeof typename === 'string' ? typename : getNamedType(nullable).name);
      if (!isObjectType(named)) throw new Error(`typeAt: ${path.join('.')}: no object type at ${segment}`);
      parent = named;
    }
    const field = parent.getFields()[segment as string];
    if (field === undefined) throw new Error(`typeAt: ${parent.name} has no field ${String(segment)}`);
    type = field.type;
    coordinate = `${parent.name}.${field.name}`;
    value = valueAt(value, [segment]);
  }
  if (type === undefined) throw new Error('typeAt: empty path');
  return { type, coordinate };
}

/** A deep copy of `data` with the value at each path replaced by null. */
export function withNulls<T>(data: T, paths: readonly ResponsePath[]): T {
  const copy = structuredClone(data);
  for (const path of paths) {
    const parent = valueAt(copy, path.slice(0, -1));
    const last = path[path.length - 1];
    if (last !== undefined && (isRecord(parent) || Array.isArray(parent))) {
      (parent as Record<string | number, unknown>)[last] = null;
    }
  }
  return copy;
}
