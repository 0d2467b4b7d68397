import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { Context } from './context.js';
import { resolvers } from './resolvers.js';

/**
 * The package root (the folder with package.json and schema/), found by walking up from this file so it works
 * from `src/` (ts-jest, tsx) and from `dist/` (npm start, the Docker image).
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package root with schema/ above ${from}`);
    dir = parent;
  }
}

/** All `schema/*.graphql` files, in name order, as one document. */
export function loadTypeDefs(root: string = packageRoot()): DocumentNode {
  const dir = join(root, 'schema');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
}

/**
 * The executable Federation 2 subgraph schema: the SDL of `schema/` with the resolvers of every domain, plus
 * resolvers of layers above this one (the `Subscription` fields of live/, which the composition root passes in).
 */
export function buildGatewaySchema(extra: Resolvers<Context> = {}): GraphQLSchema {
  const schema = buildSubgraphSchema([
    { typeDefs: loadTypeDefs(), resolvers: { ...resolvers, ...extra } as Resolvers<Context> },
  ]);
  entitiesPerItem(schema);
  return schema;
}

/**
 * Runs @apollo/subgraph's `_entities` resolver once per representation, so one bad representation fails only its
 * own item. The library resolves them in one `map` that throws for the whole list when a `__typename` is no type
 * of this schema, and `_entities: [_Entity]!` is non-null (the federation spec fixes its type), so one such
 * representation would null the whole `data` and every other entity of the router's fetch. All items still start
 * in the same tick, so the loaders batch them as before.
 */
function entitiesPerItem(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const resolve = field?.resolve;
  if (field === undefined || resolve === undefined) return;
  const perItem: GraphQLFieldResolver<unknown, unknown, { representations: unknown[] }> = (
    root,
    args,
    context,
    info,
  ) =>
    args.representations.map((representation) => {
      try {
        return (resolve(root, { ...args, representations: [representation] }, context, info) as unknown[])[0];
      } catch (error) {
        // graphql-js fails the list item an Error is returned for, with the error at that item's path.
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  field.resolve = perItem as GraphQLFieldResolver<unknown, unknown>;
}
