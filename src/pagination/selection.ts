import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether the field being resolved selects the child field `name` (through inline fragments and named fragment
 * spreads, honouring @skip/@include). Used to send `count=true` only when `totalCount` is asked for.
 */
export function selectsField(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>,
  name: string,
): boolean {
  const visited = new Set<string>();
  const included = (node: Parameters<typeof getDirectiveValues>[1]): boolean => {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
    if (skip?.['if'] === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
    return include?.['if'] !== false;
  };
  const inSet = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value === name) return true;
          break;
        case Kind.INLINE_FRAGMENT:
          if (inSet(selection.selectionSet)) return true;
          break;
        case Kind.FRAGMENT_SPREAD: {
          const fragmentName = selection.name.value;
          if (visited.has(fragmentName)) break;
          visited.add(fragmentName);
          if (inSet(info.fragments[fragmentName]?.selectionSet)) return true;
          break;
        }
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
