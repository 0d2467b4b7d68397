import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { estimateUpstreamCalls } from '../../../src/graphql/limits/index.js';
import { loadTypeDefs } from '../../../src/graphql/schema.js';

/** Shared by the upstream-call estimate tests: the gateway's schema and short ways to price an operation on it. */
export const schema: GraphQLSchema = buildSubgraphSchema([{ typeDefs: loadTypeDefs() }]);

export const estimate = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  estimateUpstreamCalls(schema, parse(query), variables, operationName);
export const calls = (query: string, variables?: Record<string, unknown>): number =>
  estimate(query, variables).total;

export const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ...E } }';
export const reps = (typename: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ __typename: typename, id: `${typename}-${i}` }));
