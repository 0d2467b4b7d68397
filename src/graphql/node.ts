/**
 * Relay's Global Object Identification (schema/node.graphql): `Query.node`/`Query.nodes` decode the opaque
 * `nodeId` (core/node-id.ts) and read through the same per-request loaders as the typed by-id fields, so a
 * node next to `workflow(id)` in one operation, or many nodes of one type, share their upstream calls.
 */
import type {
  NodeResolvers,
  QueryResolvers,
  ResolversInterfaceTypes,
} from '../__generated__/resolvers-types.js';
import { type NodeType, decodeNodeId } from '../core/node-id.js';
import type { Context, Loaders } from './context.js';

type NodeValue = ResolversInterfaceTypes<Record<string, unknown>>['Node'];
/** A DTO copied with its GraphQL type, so `Node.__resolveType` need not guess it from the fields. */
type TypedNode = NodeValue & { __typename: NodeType };

/** Which loader answers each Node type by SailPoint id: the very ones `workflow(id)`, `_entities` etc. use. */
const LOAD_BY_TYPE: Readonly<Record<NodeType, (loaders: Loaders, id: string) => Promise<NodeValue | null>>> =
  {
    Workflow: (loaders, id) => loaders.workflowById.load(id),
    WorkflowExecution: (loaders, id) => loaders.workflowExecutionById.load(id),
    TriggerInvocationStatus: (loaders, id) => loaders.triggerInvocationStatusById.load(id),
    AccountActivity: (loaders, id) => loaders.accountActivityById.load(id),
  };

/** Decoding throws (BAD_USER_INPUT) before any loader is touched, so an invalid id costs no SailPoint call. */
export async function loadNode(loaders: Loaders, nodeId: string, where: string): Promise<TypedNode | null> {
  const { type, id } = decodeNodeId(nodeId, where);
  const value = await LOAD_BY_TYPE[type](loaders, id);
  // A copy: the DTO may be shared through the loader or response cache, and must not gain a field.
  return value === null ? null : { ...value, __typename: type };
}

export const Query: QueryResolvers<Context> = {
  node: (_root, { nodeId }, ctx) => loadNode(ctx.loaders, nodeId, 'nodeId'),
  // All loads start in the same tick, so each type's loader batches them (one list read for workflows). Each
  // item is its own promise, so an invalid id fails only its item. graphql-js awaits list items and takes a
  // promise of null as a null item; codegen's `Maybe<ResolverTypeWrapper<T>>` has no way to say so, hence the cast.
  nodes: (_root, { nodeIds }, ctx) =>
    nodeIds.map((nodeId, i) => loadNode(ctx.loaders, nodeId, `nodeIds[${i}]`)) as unknown as NodeValue[],
};

export const Node: NodeResolvers = {
  __resolveType: (node) => (node as TypedNode).__typename,
};
