import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { DemoTenant } from './gateway.js';

/**
 * Queries that select every field of the schema, with `__typename` on every object: "example responses of the
 * whole schema" for the tests that look at what client caches see (ids shared by two types, keyless types).
 * Generated from the schema, so a type or field added later is covered without touching the tests.
 */

/** Page size of every connection: small, so nested connections stay within the query limits. */
const PAGE = 3;
/** Roots that are not data of their own: federation internals and Relay's refetch by global id. */
const SKIPPED_ROOTS = new Set(['_service', '_entities', 'node', 'nodes']);

/**
 * All fields of `type`, recursing into object types not already on the path (so Workflow -> executions ->
 * workflow stops at the second Workflow). Fields with required arguments are skipped below the root; interface
 * and union fields too (none of the data types has one).
 */
export function selectAll(type: GraphQLObjectType, path: ReadonlySet<string> = new Set([type.name])): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const selection = fieldSelection(field, path);
    if (selection !== null) parts.push(selection);
  }
  return parts.join(' ');
}

function fieldSelection(field: GraphQLField<unknown, unknown>, path: ReadonlySet<string>): string | null {
  const named = getNamedType(field.type);
  const args = field.args.some((arg) => arg.name === 'first') ? `(first: ${PAGE})` : '';
  if (isLeafType(named)) return `${field.name}${args}`;
  if (!isObjectType(named) || path.has(named.name)) return null;
  return `${field.name}${args} { ${selectAll(named, new Set([...path, named.name]))} }`;
}

/** One query per data root field of Query, by-id roots given an id that exists in the tenant. */
export function wholeSchemaQueries(schema: GraphQLSchema, tenant: DemoTenant): Record<string, string> {
  const ids: Record<string, string | undefined> = {
    workflow: tenant.data.workflows[0]?.id,
    workflowExecution: tenant.data.retainedExecutions[0]?.id,
    accountActivity: tenant.data.accountActivities[0]?.id,
  };
  const queries: Record<string, string> = {};
  const query = schema.getQueryType() as GraphQLObjectType;
  for (const field of Object.values(query.getFields())) {
    if (SKIPPED_ROOTS.has(field.name)) continue;
    const named = getNamedType(field.type) as GraphQLObjectType;
    const required = field.args.filter((arg) => isNonNullType(arg.type));
    let args = field.args.some((arg) => arg.name === 'first') ? `(first: ${PAGE})` : '';
    if (required.length > 0) {
      const id = ids[field.name];
      if (required.length !== 1 || required[0]?.name !== 'id' || id === undefined) {
        throw new Error(`wholeSchemaQueries: no example arguments for Query.${field.name}; add them here`);
      }
      args = `(id: ${JSON.stringify(id)})`;
    }
    queries[field.name] = `query Whole_${field.name} { ${field.name}${args} { ${selectAll(named)} } }`;
  }
  return queries;
}

/** Every object with a `__typename` and a non-null `id` in a response, as id -> the typenames that carry it. */
export function idsByValue(value: unknown, found = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (Array.isArray(value)) {
    for (const item of value) idsByValue(item, found);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const { __typename: typename, id } = record;
    if (typeof typename === 'string' && (typeof id === 'string' || typeof id === 'number')) {
      const key = String(id);
      found.set(key, (found.get(key) ?? new Set()).add(typename));
    }
    for (const child of Object.values(record)) idsByValue(child, found);
  }
  return found;
}
